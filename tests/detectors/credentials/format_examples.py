"""One positive and one near-miss negative (cut short, so of the wrong length) per row of
the secrets format table. Generated once from each row's regex and checked; every value
is fake: random characters, or EXAMPLE text in the right shape."""

from __future__ import annotations

FORMAT_EXAMPLES: list[tuple[str, str, str]] = [
    ("AWS_ACCESS_KEY", "value ACCA5R0619GLNR05Y7MC end", "value ACCA5R0619 end"),
    (
        "AWS_SECRET_KEY",
        'value aWs7bsKCJAHA:= "rqHth11EntpIi/Cbqtq0w+RYos46VnpEQYzeO0HC end',
        'value aWs7bsKCJAHA:= "rqHth11EntpI end',
    ),
    (
        "AWS_SECRET_KEY",
        "value SEcreT_acCEss_KeYUysbYfXhyhLl:= `PE5psoC9vQE4hlU4yYbGZJhTz1hYVhNGpUzabV4K end",
        "value SEcreT_acCEss_KeYUysbYfXhyhLl:= `PE5 end",
    ),
    (
        "AWS_SESSION_TOKEN",
        "value IQoJb3JpZ2luD5eNwUbHgTDWi93z/F0thlxMzJg7JPONjnOu0eQQvK18jbm1bwFFta/mz80eFPptBaVo6JBLofTqMIMfYez91dktIkahpInCIX/rww=w7YsN/pIdmb0UI2oXLkffZrcFOi3lxOr0750jAc=D4vdSrnV2xreIEAvPSWzGbnfm4OLp65Idz8oBz0A05LWTHH=kocyJQGF9TE6mnHoO8D3gc+FNQXYz0RIetnU4FHuQW7iR6Ukg3ITN2fti4KLdl=48vD0DgOgsMCYeSz end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "AWS_MWS_KEY",
        "value amzn.mws.wnglovjc-fyh6-olwd-9iol-874t64ioadb2 end",
        "value amzn.mws.wnglovjc-fyh6 end",
    ),
    (
        "AWS_BEDROCK_API_KEY",
        "value ABSKAYFd0KGf06xJFIspXzbTAPKLwMoRr958gYnKO97Lol+14iKFrV0YyR4pYzC9sd7eo6qmLuspjodQASTALwLitBO+HGwTMVr0mzHU/scL9HrUoDciKlSHQWMBqW5/x4ZRZBNxeceyzPyPC2HQQI4J/R2yI0oyOwTrffXJwEYrPsrJ9mQ/6UIuk7bRn2L0JaY0pk9GFbWGlp0N9N4AKJzO2fY0wjnSzieygbSPlQ0UG2RUtCMa0rO2uT== end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "AWS_BEDROCK_API_KEY",
        "value bedrock-api-key-00000000000000000000000000000000 end",
        "value bedrock-api-key-00000000 end",
    ),
    (
        "AWS_APPSYNC_API_KEY",
        "value da2-of2nyxp8fj7c35gusfsypyrv7h end",
        "value da2-of2nyxp8fj7 end",
    ),
    (
        "GCP_API_KEY",
        "value AIzadPHkAZPle4yPTUhb6Ds8_FGOIFcRJ-UsM3x end",
        "value AIzadPHkAZPle4yPTUh end",
    ),
    (
        "GCP_SERVICE_ACCOUNT_KEY",
        'value "private_key_id":"7642b0df33047e461df854edb895eb6d218fcb88" end',
        'value "private_key_id":"7642b0df330 end',
    ),
    (
        "GOOGLE_OAUTH_CLIENT_SECRET",
        "value GOCSPX-0000000000000000000000000000 end",
        "value GOCSPX-0000000000 end",
    ),
    (
        "GOOGLE_OAUTH_ACCESS_TOKEN",
        "value ya29.E2DmXrj8tUnxLz7-4gKpf-BNLF4PE0aGjF-v4iSlF-XIJNyRmB3o0aejPKRfr7E end",
        "value ya29.E2DmXrj8tUnxLz7-4gKpf-BNLF4PE end",
    ),
    (
        "GOOGLE_OAUTH_REFRESH_TOKEN",
        "value 1//02PQb0_30iKMzt4hWf4qLPSDEhbnNjWj1-RC06Ba1h19XPG_fuVfs1zUo4rSUen3ngeUdqdINuTrlnvQ0uLmwTLX7NvotZdwDJl-0qE end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "AZURE_STORAGE_KEY",
        "value AcCOUnTkeY=6vyLbH5hqutn9M03QXgh0couyqIS6mCJ+zrEIVr8pmS0q88jKu9wY5VMIummVJkOc05A7YRYJ41ke/6Bc20kb6== end",
        "value AcCOUnTkeY=6vyLbH5hqutn9M03QXgh0couyqIS6mCJ+zrEIV end",
    ),
    (
        "AZURE_STORAGE_KEY",
        "value ZxOFT8I2PRtkFlhUtFAfZFjsXctQkaObxWjNGVZ/ZRnMtMk8HqioJQQJ99wDSr4UYIQSsI1i0RPXc7MTAH9O= end",
        "value ZxOFT8I2PRtkFlhUtFAfZFjsXctQkaObxWjNGVZ/ZR end",
    ),
    (
        "AZURE_SHARED_ACCESS_KEY",
        "value ShAredACceSsKey=KJQv0TBe7AJ403+9npt0vzyTPVfwGRP5ZYIuJethCxB= end",
        "value ShAredACceSsKey=KJQv0TBe7AJ403 end",
    ),
    (
        "AZURE_SAS_TOKEN",
        "https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=Xk3EXAMPLEv9Qw2LmN8pRt5uVyZa1Bc4De7Fg0Hi6Jk%3D",
        "https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&",
    ),
    (
        "AZURE_CLIENT_SECRET",
        "value _Ao1Q~O6TaJFzTkli9MIXxEKKFP4lSt08Z3Jl7H end",
        "value _Ao1Q~O6TaJFzTkli9M end",
    ),
    ("ALIBABA_ACCESS_KEY", "value LTAIdm5LbndOFlj4vOm3NHfh end", "value LTAIdm5LbndO end"),
    (
        "TENCENT_SECRET_ID",
        "value AKIDq3ZcaRoLgzRv0rWnby9Gh5CiBCvsObE9 end",
        "value AKIDq3ZcaRoLgzRv0r end",
    ),
    (
        "DIGITALOCEAN_TOKEN",
        "value dop_v1_bf46dd330b098fb958aa4912ccb5b5f823f710022b708ea037b9675120402798 end",
        "value dop_v1_bf46dd330b098fb958aa4912ccb5 end",
    ),
    (
        "IBM_CLOUD_API_KEY",
        "value iBMro0ntGYkeyM=>izwRQen0eQbqvtyAGRilSccAIoB4hoR9_y6zxjABVl8y end",
        "value iBMro0ntGYkeyM=>izwRQen0eQbqvt end",
    ),
    (
        "ORACLE_CLOUD_API_KEY",
        'value orAcLEcN1Pq0O2PSECRetr"->muc:9GJ+NPn_}S+51GOSwr end',
        'value orAcLEcN1Pq0O2PSECRetr" end',
    ),
    (
        "CLOUDFLARE_API_TOKEN",
        "value cfut_cN6Uv5rhz3uMtJORNkeuHIsBlT9tUietopYtkb1ralfxq0SbuMKgdP26ksQFN7EamY3rwCPvYl099ExiyMtur end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "CLOUDFLARE_ORIGIN_CA_KEY",
        "value v1.0-afaa4d1eeafa07b07f483c24-be36784d8329215076e0e27fd4a69f839fd694cdd4ccc138040619ec1ce6012f0952fe0dfabca07190b3b72700581a3d698c0ebd34bb02b14e74d4884c6bd60521bce578051c447123 end",
        "value v1.0-afaa4d1eeafa07b07f483c24-be36784d8329215076e0e27fd4a69f839fd694cdd4ccc138040619ec1c end",
    ),
    (
        "HEROKU_API_KEY",
        "value HRKU-VhRsSTDdh4dvqFOCbjAAeuJB88HFeGJL8QqoXY0aeG- end",
        "value HRKU-VhRsSTDdh4dvqFOCbjA end",
    ),
    (
        "HEROKU_API_KEY",
        'value hEROKUG2-TOkEn":=`05b639f1-a8ae-9237-9833-5a0cb36948a6 end',
        'value hEROKUG2-TOkEn":=`05b639f1- end',
    ),
    (
        "DATABRICKS_TOKEN",
        "value dapi098537a67d0887004e9760cb06701901 end",
        "value dapi098537a67d0887 end",
    ),
    (
        "FLY_IO_TOKEN",
        "value fo1_s20_KwV14nF60L0NsPgb001Pq-q3KWbAwaXFWzonal1 end",
        "value fo1_s20_KwV14nF60L0NsPg end",
    ),
    ("SCALEWAY_SECRET_KEY", "value SCWZGQI4ADR7D8LVVN9K end", "value SCWZGQI4AD end"),
    ("GITHUB_TOKEN", "token: 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", "token: ghp_u8jzPde0IgxL"),
    (
        "GITHUB_OAUTH_TOKEN",
        "token: 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",
        "token: gho_oOOL8dKLzdoc",
    ),
    (
        "GITHUB_APP_TOKEN",
        "token: ghu_mxgJTeKdNnFRIBXuDL7DxtpYlSXpfK0IYYek",
        "token: ghu_mxgJTeKdNnFR",
    ),
    (
        "GITHUB_APP_TOKEN",
        "token: ghs_tHF4vUCsMehGAkWvj7FAc9QeWJKY401ngxw6",
        "token: ghs_tHF4vUCsMehG",
    ),
    (
        "GITHUB_APP_TOKEN",
        "ghs_20260523_eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJFWEFNUExFIn0.c2lnbmF0dXJlRVhBTVBMRQ",
        "ghs_20260523_eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ",
    ),
    (
        "GITHUB_REFRESH_TOKEN",
        "value ghr_d9DQYJHflytgfXcgkNgZqc8Nc5m10ECOop89jxMObN8vcx end",
        "value ghr_d9DQYJHflytgfXcgkNgZq end",
    ),
    (
        "GITHUB_FINE_GRAINED_TOKEN",
        "value 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 end",
        "value github_pat_rvlF0PUHmAANQD0L6AOHJ0_gx5UGuOJcEK0 end",
    ),
    (
        "GITHUB_TOKEN",
        'value GItHUbRpaTV5vJh   := "29e4ad1c037b2d69f9caad49dd6cb4d70b2e28a3 end',
        'value GItHUbRpaTV5vJh   := "29e4ad1c0 end',
    ),
    ("GITLAB_TOKEN", "value glpat-SqigHHq49A68Ehk5hw4h..pGr47 end", "value glpat-SqigHHq49A end"),
    ("GITLAB_TOKEN", "value gldt-00000000000000000000 end", "value gldt-0000000 end"),
    ("GITLAB_RUNNER_TOKEN", "value GR1348941G_0u8YtVHs0r7md_xWvr end", "value GR1348941G_0u8 end"),
    (
        "GITLAB_SESSION_COOKIE",
        "value _gitlab_session=e790tbeq7ej54m633lralyfw3wd8e151 end",
        "value _gitlab_session=e790tbeq end",
    ),
    (
        "BITBUCKET_APP_PASSWORD",
        "value ATBBaoKYRlhw6vEmh0ui9=DiSqcOdKkerPFoAS0s end",
        "value ATBBaoKYRlhw6vEmh0ui end",
    ),
    (
        "BITBUCKET_ACCESS_TOKEN",
        "value ATCTT3xFfGN0tz9aL169_.rtpjTCO2o=vxNr7lS1ekbeSTB_jrrCqX2QYjVfQ01-4Gmc00LUd3kP-=VhJMosLz1C_8vY90yFwWzdkgMPROvmaB0e2SLd end",
        "value ATCTT3xFfGN0tz9aL169_.rtpjTCO2o=vxNr7lS1ekbeSTB_jrrCqX2QYj end",
    ),
    (
        "BITBUCKET_HTTP_ACCESS_TOKEN",
        "value BBDC-vKk5Tiw1MXnUAMZyNFQHgD9g_Up_X/O5H9Pjiy7E/qc@ end",
        "value BBDC-vKk5Tiw1MXnUAMZyNFQ end",
    ),
    (
        "ATLASSIAN_API_TOKEN",
        "value ATATT3xFfGF0MEg5jh2z4p2DqeIyH9-KBmf9wUE8lBz1ug9rgKNzc002l1tqq4reMH7h1P0kMdvdjqWgJK7WZDjic90Xf4d58DmOxs9Cfv2Y3Gp9AhWU_vTxNL115-b50VJYHAu0LtabhTHJie3ypx-F6EMV5O7-8joR33LIipcgCt2Jk0qRkN0RJjvKMWXchbrCNLO10jU0wFn\\=C56CB5BF end",
        "value ATATT3xFfGF0MEg5jh2z4p2DqeIyH9-KBmf9wUE8lBz1ug9rgKNzc002l1tqq4reMH7h1P0kMdvdjqWgJK7WZDjic90Xf4d58DmOxs9Cfv2Y end",
    ),
    (
        "ATLASSIAN_API_TOKEN",
        "value ConFLuEnCeJ5oCR89EqpAtklRs'=  \"92xEfZGVtKm9pbAMNTVcRm9N end",
        "value ConFLuEnCeJ5oCR89EqpAtklRs' end",
    ),
    (
        "ATLASSIAN_PAT",
        "TP: https://jira.example.com/token/OTI2NjA3NjU1NTI2OkVYQU1QTEVub3RhcmVhbHRva2Vu",
        "TP: https://jira.example.com/token/OTI2",
    ),
    ("NPM_TOKEN", "token: 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", "token: npm_uvSwMFLZDe1f"),
    (
        "PYPI_TOKEN",
        "value pypi-AgEIcHlwaS5vcmcsmF6MVatdknSuy4rAB0blnn0Y49MM0JMiIGfaVF_-mb7LBGa7S_MLDgVlmPFz0D-_GOCidV9M20gvoboaUNWBFqayH00tDMkVOupB29zthb5HL188pjip02w0YCKcr6Q1NR8O6wtW end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "NUGET_API_KEY",
        "value oy2x1eki00i16wz5zkq4asf08yz2ul1wvbg2tnnsumcb8l end",
        "value oy2x1eki00i16wz5zkq4asf end",
    ),
    (
        "RUBYGEMS_API_KEY",
        "value rubygems_5df9cd9e7e070bc3a7860aed4b0ceaad723c3a9ea20fe563 end",
        "value rubygems_5df9cd9e7e070bc3a78 end",
    ),
    (
        "CLOJARS_DEPLOY_TOKEN",
        "value CLOJARS_axjkf23x2n4204bweagesqw7pxs2jsvm49msiuqq0n0hoglg0ha552i5vrw0 end",
        "value CLOJARS_axjkf23x2n4204bweagesqw7px end",
    ),
    (
        "DOCKER_HUB_TOKEN",
        "value dckr_oat_El0HIPCa50B60SPVPMb_H8Zdm32M7k end",
        "value dckr_oat_El0HIPCa50 end",
    ),
    (
        "DOCKER_SWARM_TOKEN",
        "value SWMTKN-1-735e2m50ctfuxcb522fzxmzsk1bjw0na4ur03ok5vuuwg30upe-ji007o0cjmggm0jh0b8xq00m4 end",
        "value SWMTKN-1-735e2m50ctfuxcb522fzxmzsk1bjw0na4 end",
    ),
    (
        "DOCKER_SWARM_KEY",
        "value SWMKEY-1-amklTgxLANpOYBIoADAaNxJBbizXkIf520yHutxTQGU end",
        "value SWMKEY-1-amklTgxLANpOYBIoA end",
    ),
    (
        "CIRCLECI_TOKEN",
        "value CCIPAT_OPI5bbODRbyqPFf3KTicV3_de55b76d44053fc5e246fd3c9c42db38191be7e5 end",
        "value CCIPAT_OPI5bbODRbyqPFf3KTicV3_de55b end",
    ),
    (
        "CIRCLECI_TOKEN",
        "value CCIPRJ_Do2FCUfdajAoWOtlO5DrMp_6001ccf767920ccbf11fc0a6c477d1ae34d6e379 end",
        "value CCIPRJ_Do2FCUfdajAoWOtlO5DrMp_6001c end",
    ),
    (
        "TRAVIS_CI_TOKEN",
        "value TRaVIsTYmuzpJHt202Al1qapi_tOKEnp   ->AhNiGJYF1KKu4-2KNbzl0B end",
        "value TRaVIsTYmuzpJHt202Al1qapi_tOK end",
    ),
    (
        "JFROG_API_KEY",
        "value AKCpHTfVsP0MQjQ80poUHEkpx80tD03nboVKStlmtu7HDlftv0hKz6H3eCxFj3wBR1L0WYJGd end",
        "value AKCpHTfVsP0MQjQ80poUHEkpx80tD03nboVK end",
    ),
    (
        "JFROG_IDENTITY_TOKEN",
        "value cmVmdGtuOjAxOjxYtJCklp5YN9oX4YkxtTqZeNrnTFCDNxFFEULTEQmqQZBIA6YBvgNNbKRHfIJ80Ds end",
        "value cmVmdGtuOjAxOjxYtJCklp5YN9oX4YkxtTqZeNr end",
    ),
    (
        "TERRAFORM_CLOUD_TOKEN",
        "value E63pbyN7pa00b2.atlasv1.F5Ix7uQcV01UI3wcmqm8fLri1F0iIaurpgg8kxinUjIgEhqfPWPo4_mva3odoDZw2 end",
        "value E63pbyN7pa00b2.atlasv1.F5Ix7uQcV01UI3wcmqm8f end",
    ),
    ("VAULT_TOKEN", "value hvs.Ysxq8ZSHtdEVm1w-VhuqK0UoKcTGODs end", "value hvs.Ysxq8ZSHtdEVm end"),
    (
        "DOPPLER_TOKEN",
        "value dp.scim.NBG5UxNutZlBL9pPuyH2eBnehrhiNK05V20Tq6Nn2z34 end",
        "value dp.scim.NBG5UxNutZlBL9pPuy end",
    ),
    (
        "ONEPASSWORD_SERVICE_TOKEN",
        "value ops_eyJt960nMiTZPNGh5GhakVTgOmhlN4SyO8hN0BJdbrfvcMqjPLgL_UOKzhtPo2PbC6vwfe0gPw5Sb9A/1bEHivfGA20jARHMKKurS4bhm7Uf7h8Vy15l3y7hvmHuZqT9c4K17fg324CbSnE/cKfE4P-QECUHVH32aRwVh3_9YjglO9EMBG0D560U3gQ0n6WOCMYhCO06eiACXicTQVjsk73NWQUJA9RCsnu1pqbgohGAtF0r-Z2TlJfdNZgZmDKctwyYCFcH5mEpZN0wypYH1qJSN_K07j0X-A+H4k_HJLFS10Q4zIxwLfbVVAniOaMni0_l9T8i9unN4tCjGb-OaieT end",
        "value ops_eyJt960nMiTZPNGh5GhakVTgOmhlN4SyO8hN0BJdbrfvcMqjPLgL_UOKzhtPo2PbC6vwfe0gPw5Sb9A/1bEHivfGA20jARHMKKurS4bhm7Uf7h8Vy15l3y7hvmHuZqT9c4K17fg324CbSnE/cKfE4P-QECUHVH32aRwVh3_9Yj end",
    ),
    (
        "ONEPASSWORD_SECRET_KEY",
        "value A3-RZ8RC6-K9QCUC-QFAVB-N7NX9-2YIQS-SLB2N end",
        "value A3-RZ8RC6-K9QCUC-QFA end",
    ),
    (
        "GRAFANA_CLOUD_TOKEN",
        "value glc_j9sDpa4QcAomcNGTvkV+ju5c1lOYBPuz7PmPs56U80haM0Gbl1AATCtiPMQShVquJ70dw0OAhGisulXi9WB3JaXKdtVrI8g7St7xfPq9uQkViGb1ge== end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "GRAFANA_SERVICE_ACCOUNT_TOKEN",
        "value glsa_NLFP54Z4H87XNh2J9d1c8KB1kLm0O0aj_c5a4afc2 end",
        "value glsa_NLFP54Z4H87XNh2J9d end",
    ),
    (
        "GRAFANA_API_KEY",
        "value eyJrIjoiqCKtaiUvlbsgxs1YgnNRqpsftoH15FvGqW0rvR0izqSmZElcMYPdOupmzRDVOAwy0b0COInfm3dMZENtd3GSC3Xoug8EdwfSM2C= end",
        "value eyJrIjoiqCKtaiUvlbsgxs1YgnNRqpsftoH15FvGqW0rvR0izqSmZE end",
    ),
    (
        "PULUMI_TOKEN",
        "value pul-a122110a07d63b0b9105dee17b8036b15a64c244 end",
        "value pul-a122110a07d63b0b91 end",
    ),
    (
        "POSTMAN_API_KEY",
        "value PMAK-143dd1db81473e1a4a100664-612b2e968a4ae5a4ca1dd64c7759134687 end",
        "value PMAK-143dd1db81473e1a4a100664-61 end",
    ),
    ("POSTMAN_API_KEY", "value PMAT-2JO48QO608IFE09O4JRP1KAQR3 end", "value PMAT-2JO48QO608 end"),
    (
        "SONARQUBE_TOKEN",
        "value sqa_84054370ee838735b5db2bb218bb67d2028c6517 end",
        "value sqa_84054370ee838735b5 end",
    ),
    (
        "BUILDKITE_TOKEN",
        "value bkua_b1d0a66e65d2d39d7d58d2d0bec7d036feb0f15e end",
        "value bkua_b1d0a66e65d2d39d7 end",
    ),
    (
        "AGE_SECRET_KEY",
        "age key AGE-SECRET-KEY-1G4VYZN2SF3ZJ6MN0WSKKZTTJV4SKCTTPVAJJ66M90YKNZV3NXSSSLGCN3F",
        "age key AGE-SECRET-KEY-1G4VYZN2SF3ZJ6MN0W",
    ),
    (
        "NKEY_SEED",
        "value SAMTUJK5OYIFE2H32FFYUHC3NVD5ESBI7DE4YIRK2ZVNG2BHTFYPBNZPHO end",
        "value SAMTUJK5OYIFE2H32FFYUHC3NVD5E end",
    ),
    (
        "DEFINED_NETWORKING_API_KEY",
        "value dnkey-pjhY3NdzrsbJb4fp3SXlYAuBYm-M9AJcai1G1AsqiMFnd0j40CUYI90QAozZh76pGaZgH6_d0K2aqmN end",
        "value dnkey-pjhY3NdzrsbJb4fp3SXlYAuBYm-M9AJcai1G end",
    ),
    (
        "PREFECT_API_KEY",
        "value pnu_awkmCP0Q5dRz8HByzJmpxZtKTz9HVUzjc32I end",
        "value pnu_awkmCP0Q5dRz8HBy end",
    ),
    (
        "README_API_KEY",
        "value rdme_0vtr75et1uczgq1kkatpud8f5lx6c40qf0vty8xm7vrwvpv9apbyyqgw5pj0l2lfqr0oy0 end",
        "value rdme_0vtr75et1uczgq1kkatpud8f5lx6c40q end",
    ),
    (
        "WUNDERGRAPH_API_KEY",
        "value cosmo_164de714805554038cdf25b4b641e649 end",
        "value cosmo_164de71480555 end",
    ),
    (
        "STRIPE_SECRET_KEY",
        "value sk_live_39CKsPL6l4ConyjFdB6lmKeojHP9pggvpJcWGEdxOJYxZdmjWOBqmUZvO0YAWvDd0uzxNbeMCqb67M end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "STRIPE_RESTRICTED_KEY",
        "value rk_test_k7kWqwNoemnBRq07SCau9Fa end",
        "value rk_test_k7kWqwN end",
    ),
    (
        "STRIPE_WEBHOOK_SECRET",
        "value whsec_YLhmQJyBU9PQDolOwJWme4JYhFN0sBZz end",
        "value whsec_YLhmQJyBU9PQD end",
    ),
    ("SQUARE_ACCESS_TOKEN", "value sq0atp-UpAAwemzcrx6JLZ0s0__hT end", "value sq0atp-UpAAwem end"),
    (
        "SQUARE_ACCESS_TOKEN",
        "value EAAAIkVB=7o5KARloG0gjXLi400iVyq0DqFNOoe9FIUkWk4huKKTokglj5TyxY_Y end",
        "value EAAAIkVB=7o5KARloG0gjXLi400iVyq0 end",
    ),
    (
        "SQUARE_OAUTH_SECRET",
        "value sq0csp-Tb3KS59o0N-lzICOVaXWT0zo9c4FQvNWQWmvX5-24nK end",
        "value sq0csp-Tb3KS59o0N-lzICOVa end",
    ),
    (
        "BRAINTREE_ACCESS_TOKEN",
        "value access_token$production$zh0swbdj7u6mqh5l$9ea1666d8a0ad487255cfbe1b7ccd5bb end",
        "value access_token$production$zh0swbdj7u6m end",
    ),
    (
        "PAYPAL_CLIENT_SECRET",
        'value PAYpaLsECrETfpkI5dG:= "Egvsa_s6fZqa07fuHhuijjI2DEDCISFWFOoAdpnf7OZNT0nzPkJhPm_Kee1h5IGRWBjaL8_3FNLGdLCf end',
        'value PAYpaLsECrETfpkI5dG:= "Egvsa_s6fZqa07fuHhuijjI2DEDC end',
    ),
    (
        "ADYEN_API_KEY",
        "value AQE5VhmfKHB0tkNuKyTaTtnUk=mEeh1930-sulL1myC=TPPIQES_os2fKerzBkRX2l2H1f8dYi8KYsVPdIqZR.yIF end",
        "value AQE5VhmfKHB0tkNuKyTaTtnUk=mEeh1930-sulL1myC= end",
    ),
    (
        "SHOPIFY_TOKEN",
        "value 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 end",
        "value shpat_Ba3D018F6EC95 end",
    ),
    (
        "FLUTTERWAVE_SECRET_KEY",
        "value FLWSECK_TEST-06b3e7bfhf50e3b024831dcb64ee0188-X end",
        "value FLWSECK_TEST-06b3e7bfhf end",
    ),
    (
        "PLAID_ACCESS_TOKEN",
        "value access-sandbox-c70f9639-ea1a-58da-7d87-f083c8191589 end",
        "value access-sandbox-c70f9639-e end",
    ),
    (
        "SHIPPO_API_TOKEN",
        "value shippo_test_60e500fbd950897b2dd0e288198446dbdb1b9cb9 end",
        "value shippo_test_60e500fbd95089 end",
    ),
    (
        "EASYPOST_API_KEY",
        "value EZAKk00otg6zluidqog9rf4m3o5yty91gqgcfkooxtf0mnatzpws9fwtui end",
        "value EZAKk00otg6zluidqog9rf4m3o5yt end",
    ),
    (
        "DUFFEL_API_TOKEN",
        "value duffel_test_Uok-CkBUUEKNurLxcW-PJwDa0YZrjrjpUgn9Q0llHsB end",
        "value duffel_test_Uok-CkBUUEKNurL end",
    ),
    (
        "RAZORPAY_KEY_SECRET",
        "value RaZorpaY5eyRRseCrETgPCv -> `9ulsUzoGaBeA3ubJJG60Am6V end",
        "value RaZorpaY5eyRRseCrETgPCv -> end",
    ),
    ("SLACK_TOKEN", "value xoxo-0-ExV7MNFW0CFGXi end", "value xoxo-0-ExV end"),
    (
        "SLACK_TOKEN",
        "value xoxp-1-5Wv1p0bgDnXrd9M1wNrWV8ptazunlBjF5ZISJRr8BnL34EX0A7l6CoU8UnX8cQzPMacWyY0q1NDmxk0HQ5ASK0j5NV0LbeoLGdiny7bjpQm32chG end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "SLACK_APP_TOKEN",
        "xapp-1-A0EXAMPLE42-3425459257038-9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "xapp-1-A0EXAMPLE42-3425459257038-9f8e7d6c5b4a392",
    ),
    (
        "SLACK_WEBHOOK",
        "value https://hooks.slack.com/workflows/e99Rxgjd9G9uYT/H/PDoEnAxha6bLUF0 end",
        "value https://hooks.slack.com/workflows end",
    ),
    (
        "DISCORD_BOT_TOKEN",
        "bot: MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GxEXAM.PLEnotArealDiscordBotTokenAtAll1234",
        "bot: MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GxEXA",
    ),
    (
        "DISCORD_WEBHOOK",
        "https://discord.com/api/webhooks/148392840000482200/ihUFAgIiEXAMPLE-nHJBpvzkzZOicbe0R2UkWo1nvOnkLGHWJnW8HZjF_dRDj7fi5q3u2h",
        "https://discord.com/api/webhooks/148392840000482200/ihUFAgIiE",
    ),
    (
        "TELEGRAM_BOT_TOKEN",
        "bot 508627689:AAEuLPKsEXAMPLEYGnz60bnYNZqakf6HJxc",
        "bot 508627689:AAEuLPKsEX",
    ),
    (
        "TWILIO_API_KEY",
        "value SK1308d52da0eb33EA2aFBf9DA36efA5aF end",
        "value SK1308d52da0eb33E end",
    ),
    (
        "TWILIO_AUTH_TOKEN",
        'value tWiLIo62GReIm4n8e-SECret0Z9dO"=>fb64df93554cd11805e0a0a902b31752 end',
        'value tWiLIo62GReIm4n8e-SECret0Z9dO"=> end',
    ),
    (
        "SENDGRID_API_KEY",
        "value SG.E3mOseMarNjZD8JaEHbQo4hJXW4pldhP.6Crf1Co7SDVxvsoZ-uMVf6asE end",
        "value SG.E3mOseMarNjZD8JaEHbQo4hJXW4 end",
    ),
    (
        "MAILGUN_API_KEY",
        "value key-200477002d09b2613fce1b499d0060ad end",
        "value key-200477002d09b2 end",
    ),
    (
        "MAILGUN_API_KEY",
        "value cbd992e0dd24d5d69e049ca0a7197ab2-1b97c4d8-d86084bf end",
        "value cbd992e0dd24d5d69e049ca0a end",
    ),
    (
        "MAILCHIMP_API_KEY",
        "value cM9pq0W2Bz0s7QG2bp1sS6ycGBAuK5OL-us0 end",
        "value cM9pq0W2Bz0s7QG2bp end",
    ),
    (
        "BREVO_API_KEY",
        "value 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 end",
        "value xkeysib-a96ddebe0ba800602ea79f58ee470f9c26e2 end",
    ),
    (
        "BREVO_API_KEY",
        "value xsmtpsib-77dff8fb66b0011b7000fa9ba03f8f445fa427c17761541e1a5a04a331ece573-ZvNnlMpMz4CH7rGi end",
        "value xsmtpsib-77dff8fb66b0011b7000fa9ba03f8f445fa4 end",
    ),
    (
        "MICROSOFT_TEAMS_WEBHOOK",
        "value https://6b3c.webhook.office.com/webhookb2/-x7y0pa8lydrtfb805fy7uvmj7wxce6o-yji@8tu-srrvby1srj23vwawr20o0xnlevv9at08/IncomingWebhook/67fht3frflwlmpr0bac38ugeah3er06w/3ycpu9vr09tzlcc5al4p46lu4bttjuygv9rs end",
        "value https://6b3c.webhook.office.com/webhookb2/-x7y0pa8lydrtfb805fy7uvmj7wxce6o-yji@8tu-srrvby1srj23vwawr end",
    ),
    (
        "FACEBOOK_ACCESS_TOKEN",
        "value EAACFIi2Aycv6n0sKt5w6gmzejECXfgdolTPZYyr6z3LgxmGdKGEV0rBqZoc83Gvqb3Ag9FjrrysyBqq7rL05PVxEDvNIuElt4 end",
        "value EAACFIi2Aycv6n0sKt5w6gmzejECXfgdolTPZYyr6z3LgxmGd end",
    ),
    (
        "FACEBOOK_APP_TOKEN",
        "app token 1527194624358273|qbBf2-fdB9zZpqLA0_2nNzZDw2M",
        "app token 1527194624358273|",
    ),
    (
        "INSTAGRAM_ACCESS_TOKEN",
        "value IGQVHcYCXHSYUpVHddmEm015dS3-zqg0n7erfOZP5o08edmR4Hs0UlvhL0mJTzGvE8gHkSEp-TbEhrkslTURkI-KjBOuR9dU_pTZLg97P9N9E0ErqsKIQaTQxSffu7WnxGJMG9tZUB end",
        "value IGQVHcYCXHSYUpVHddmEm015dS3-zqg0n7erfOZP5o08edmR4Hs0UlvhL0mJTzGvE8gHk end",
    ),
    (
        "X_BEARER_TOKEN",
        "value AAAAAAAAAAAAAAAAAAAAAAAAA0YgeclW3bX02QbzZo4PsTtxqBzEVd1PXg6AM9awNgQTrIO0Ce0XNDty5YTIjxULWu0WdiJ9cCFBNP9lXUtuItqM32udixAjVppJAjwAtVguRaOXIJAXZMNlAR%V4yECaalgQQCk end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "MAILJET_SECRET",
        "value mAiljeT3EAygMesecretZ\":'80c5441fa81d2e5eca11082d32cc3739 end",
        "value mAiljeT3EAygMesecretZ\":'80c5 end",
    ),
    (
        "POSTMARK_SERVER_TOKEN",
        "value PosTmArKWI_KtoKEn07j:='c3dd3f08-0c3d-dcd2-1b0a-056ed5230b57 end",
        "value PosTmArKWI_KtoKEn07j:='c3dd3f end",
    ),
    (
        "OPENAI_API_KEY",
        "value sk-svcacct-gq2sFqAU0WDnsDZhvFX3SKoTaoT3BlbkFJlUihuHQcGp1iZ2zhPgK0 end",
        "value sk-svcacct-gq2sFqAU0WDnsDZhvFX3S end",
    ),
    (
        "OPENAI_API_KEY",
        "value sk-svcacct-YPUhn1FtiiXEqIql1PU1cNXr069xOesmFYErDq63jtt-oGT0zpbNoVYMtp6J2V5mrJmONVH7TgJgjGiyGiJ-y6sIrU5lSoTOtzu9c4bo0VjlcNycfw01OgSt0pM7moN48cisilPmh9D8owDMklte078UKd0sFrndhZNhKWnmj09V-lqQ8LTbOBmcDkvgj6Z3G-J2bTv end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "ANTHROPIC_API_KEY",
        "value sk-ant-api84-DgBqJ8Fz00myN1G1QBAYMq5VYhZoCGgr0nqDy6vKdOy2zMsjP6fJC3_xvEMbpoXJcEHfEjNWThnustn9phjza_2_wjVIx7jMGz0aNklm1rSmPKNQjqORhpW0xZ7j9Iz9lhVq18--bEsg32ucanCJcgDbQ end",
        "value sk-ant-api84-DgBqJ8Fz00myN1G1QBAYMq5VYhZoCGgr0nqDy6vKdOy2zMsjP6fJC3_xvEMbpoXJcEHfEj end",
    ),
    (
        "HUGGINGFACE_TOKEN",
        "value 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 end",
        "value hf_rooegBYgIVKsKoe end",
    ),
    (
        "HUGGINGFACE_TOKEN",
        "value 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 end",
        "value api_org_UEmcXijRcdmFJ end",
    ),
    (
        "COHERE_API_KEY",
        'value CoHereDD-00aPi-KeyFNjum"->RRkmpMr0M5LkVH8sMDvpsFeWy3m6J58WcXNnOZ02 end',
        'value CoHereDD-00aPi-KeyFNjum"->RRkmpMr end',
    ),
    (
        "REPLICATE_API_TOKEN",
        "value r8_grU8cIhnLuAoAip00TTEuYqPzLkQYrd5r1ZMu end",
        "value r8_grU8cIhnLuAoAip00 end",
    ),
    (
        "GROQ_API_KEY",
        "value 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 end",
        "value gsk_k8DutrvxBQfoviT6IRa0jXfh end",
    ),
    (
        "PERPLEXITY_API_KEY",
        "value 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 end",
        "value pplx-kXWjb7Q3NchvMbbtoHdOe end",
    ),
    (
        "XAI_API_KEY",
        "value xai-TqO00M0vlH9ZBXgY1ixWwTekdTkKKLdhFb9qls0Qv6QdhhD4aeLBzIT35A5wzyDxE3X0PqpKzkYt9ACb end",
        "value xai-TqO00M0vlH9ZBXgY1ixWwTekdTkKKLdhFb9qls end",
    ),
    (
        "DEEPSEEK_API_KEY",
        "value dEepsEek9BgaPiKey\" :'sk-1c6c55346b6e59569abeeb09313fe4e7 end",
        "value dEepsEek9BgaPiKey\" :'sk-1c6c end",
    ),
    (
        "DEEPSEEK_API_KEY",
        "value sk-d01f5503204349980df7451a15765eeb end",
        "value sk-d01f5503204349 end",
    ),
    (
        "TOGETHER_API_KEY",
        "value tgp_v1_CuU_vE3sWCDSsJPFydo09Aoy07EufCoaggTR0hBQ-zr end",
        "value tgp_v1_CuU_vE3sWCDSsJPFyd end",
    ),
    (
        "LLAMA_API_KEY",
        "value llx-bdEZtKeqoKRklAFF90WkHf-yV4Zrl0dA4U29-aDXx6AkEjTW end",
        "value llx-bdEZtKeqoKRklAFF90WkHf end",
    ),
    (
        "TAVILY_API_KEY",
        "value 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 end",
        "value tvly-prod-Iy0DtXZFI1h end",
    ),
    (
        "LANGSMITH_API_KEY",
        "value 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 end",
        "value lsv2_sk_f7d8f3c1a0371cda8 end",
    ),
    (
        "MISTRAL_API_KEY",
        "value miSTrAlaPIkeyxIDRnl0tBBPz' ->`Nu4Yb09GmTgJxEd1HO4191XJvi3u10Eb end",
        "value miSTrAlaPIkeyxIDRnl0tBBPz' ->`N end",
    ),
    (
        "ELEVENLABS_API_KEY",
        "value sk_36d4143b94d7fa530530aeb9dca0331642807bba90e82850 end",
        "value sk_36d4143b94d7fa530530ae end",
    ),
    ("FIREWORKS_API_KEY", "value fw_BkTU9rcB4DoamHzwVzp74rY1 end", "value fw_BkTU9rcB4D end"),
    (
        "LINEAR_API_KEY",
        "value lin_api_SA7C0UpUuB0OQEu4WI8Ic0ilrBE0EOWMXSyE6Cyl end",
        "value lin_api_SA7C0UpUuB0OQEu4 end",
    ),
    (
        "LINEAR_API_KEY",
        "value lin_oauth_8ac01ac9cacb3b1f8e9663e619260371fcd0fa6080a270ddeda014adbfbc5493 end",
        "value lin_oauth_8ac01ac9cacb3b1f8e9663e6192 end",
    ),
    (
        "NOTION_TOKEN",
        "value secret_hrHG146GHMAlAibs2OHcgq0A4OxHw6WyfuD8HFtuan4 end",
        "value secret_hrHG146GHMAlAibs2O end",
    ),
    (
        "NOTION_TOKEN",
        "value ntn_3iHz482X4OkDPoO1jZ8WvfbJXrQnK0TccHdH4u7xaO0sop end",
        "value ntn_3iHz482X4OkDPoO1jZ8Wv end",
    ),
    (
        "OKTA_API_TOKEN",
        'value OkTakeybti7oeI0FmcPME"  => 00_SCAaFI8v2Hz10w05JKdeLPnG05GK4W2CowMAMhV end',
        'value OkTakeybti7oeI0FmcPME"  => 00_SCAa end',
    ),
    (
        "DATADOG_API_KEY",
        "value DATadoG_API_keYQZEE2S'    : b83712f2d06f8e383fcfc5a8b5832bdf end",
        "value DATadoG_API_keYQZEE2S'    : b8 end",
    ),
    ("NEW_RELIC_KEY", "value NRAK-Pr82J9I8yI2HPwcQqk0de end", "value NRAK-Pr82J9I8 end"),
    (
        "NEW_RELIC_KEY",
        "value eu01xec28dc8aa6aafa707d507ec1eee49fbNRAL end",
        "value eu01xec28dc8aa6aafa7 end",
    ),
    (
        "SENTRY_DSN",
        "value http://2f52c7e11d24e0b0b3431bc0e8bd7210:380ba8637270b7703149e2919496362d@dop5yvv2Vingest.OZ/0 end",
        "value http://2f52c7e11d24e0b0b3431bc0e8bd7210:380ba8 end",
    ),
    (
        "SENTRY_AUTH_TOKEN",
        "value sntrys_eyJHr8TytWkX4b5y7oTCJI2MN-R4zDVPBbnXL0VrgY76s6tUUv8PlgbeC6D-2/75mPYhGenQzdqt5V5=vxAC7+F=MP=s/-CuQTk2M30U27eGPNe6N2sVh+fWVmIXRqxTU9OM6Lw4zilqnz+nvc9MstsG5vVe73_jn end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "SENTRY_AUTH_TOKEN",
        "value 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 end",
        "value sntryu_8b7e8cdc8878aa9f4ee4811d2ddb end",
    ),
    (
        "VERCEL_TOKEN",
        "value vcp_kOeMg9p6f59t8qWd22TYVW2W2D8QPLTXhcVHQ6XTe end",
        "value vcp_kOeMg9p6f59t8qWd22 end",
    ),
    (
        "NETLIFY_TOKEN",
        "value nfp_N200sCiN03PrQw8tJtF778GYaoK6eMHLVa0y end",
        "value nfp_N200sCiN03PrQw8t end",
    ),
    (
        "PLANETSCALE_TOKEN",
        "value pscale_oauth_JjWYLZWZ07MxZ5HJa50o0zQz2wnnYNh-w.bA end",
        "value pscale_oauth_JjWYLZWZ07M end",
    ),
    (
        "SUPABASE_TOKEN",
        "value sbp_983cf18009cbbc1c2f7fbe195658bd93065e5e02 end",
        "value sbp_983cf18009cbbc1c2f end",
    ),
    (
        "POSTHOG_API_KEY",
        "value phx_ykEFW7JJsCuYetXnBCgDAmTSuQlkU0nt0OCLVvdZobqu6G3aYPN00nhoHDbU38Qh end",
        "value phx_ykEFW7JJsCuYetXnBCgDAmTSuQlkU0 end",
    ),
    (
        "FIGMA_TOKEN",
        "value figd_Gm5WRjLTvE_gDlT5XwH05MX_xzaOCSeo0HrWatfV end",
        "value figd_Gm5WRjLTvE_gDlT5X end",
    ),
    (
        "DYNATRACE_TOKEN",
        "value dt0c01.1CLPALC90B83ATMAJJOENR3L.XAWPX3ROJ09V1NFJ0JKZZAU999ZP5IYRMTGP09U0ZCZLU1KUNI7AHQGKYWOFUN94 end",
        "value dt0c01.1CLPALC90B83ATMAJJOENR3L.XAWPX3ROJ09V1NFJ end",
    ),
    (
        "DROPBOX_TOKEN",
        "value sl.jShA0z2TFBeyIrNE3mv7VtiCVyVFUnXouR_YWIRxc9DEMga_Hk6t13jahrLrl0qf7-JS_J1G0LH40mV08KWoHF0u7DStZMikB_kw10l4Dv2OD0R3N9t1FfzwU7n9F7BUeCGq5HBzZL0DUuoql6fXPSgq4WtbQa8CbvRQc7_78tjGqFAnmys3qqtRq97c9qfw29wRyFur2jSpA123b0n0UCS8DEvTYWRvvR1uYq9XOmdDAvh7nuQc40CSkJUxxn35e-cW0h29jtIw59qt0BjzS9q end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "DROPBOX_TOKEN",
        "value 9F2makMiUmrAAAAAAAAAApEVGVGoCmjtv6g4WMcgiNG086LZFEJYdp1AHExSEdsk end",
        "value 9F2makMiUmrAAAAAAAAAApEVGVGoCmjt end",
    ),
    (
        "SALESFORCE_TOKEN",
        "value 00DyLUsQjIuZ0jC!hEujsuD3WtTQQ9RODio9j3T615DPdbpnZh0rV51cEeQAK3jdTsKoHnP8nsQELnPDpq.jgRCEpW59EX0PP3ck.T4q7rI7nKl0Cp2R524tIwmq6WgGaqHBkXiNFSp1fP0toBalvUmGaN5pxFdrMC2HXmebWcGnoGBxjd0RGdCLt7D3hOn2wB2mfcNaKkxeqxJ.R1bRvTeanX92ku.odXMgSCpF end",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "AIRTABLE_TOKEN",
        "value patoyxeqBAu4c60QW.27ee363631d02f8cc5a68ecc17ddacf6b1420f64751bdb8ff2fdb6c96a917e75 end",
        "value patoyxeqBAu4c60QW.27ee363631d02f8cc5a68ec end",
    ),
    (
        "TYPEFORM_TOKEN",
        "value tfp_oXl0vfj7ZOq=P-V-ZtvFQD4utlsPhXQaPQSMHzq-fxKiq4G8ghDRbop09lV end",
        "value tfp_oXl0vfj7ZOq=P-V-ZtvFQD4utls end",
    ),
    (
        "CONTENTFUL_TOKEN",
        "value CFPAT-0QghtmdYA-luwdTDKtpAiI-84zspiVrQq8hme0cZwKT end",
        "value CFPAT-0QghtmdYA-luwdTDKt end",
    ),
    (
        "MAPBOX_SECRET_TOKEN",
        "value sk.eyJd2pqcNJw1k0vZFU2mmUgXy-s7bPyZmPto4Z0f9vTUM-Oerm0Lb0QQfwJVZUvepKqWiAPs5Q0B04SihQcnjBpCPkkFYHPMoJi60O0Dm.7cpTCkLNlKm7o1oGUifr2Rh6HSXxu end",
        "value sk.eyJd2pqcNJw1k0vZFU2mmUgXy-s7bPyZmPto4Z0f9vTUM-Oerm0Lb0QQfwJVZUvepK end",
    ),
    (
        "AKAMAI_CLIENT_TOKEN",
        "value akab-7pt7dj6itioluflr-fxacjkgf02klfiws end",
        "value akab-7pt7dj6itioluf end",
    ),
    (
        "ALGOLIA_ADMIN_KEY",
        "value aLGOliAmYey57eWx0--wRiteKEyp7uBtN' ->  af035988d330a5884ed1c233a67b2c5e end",
        "value aLGOliAmYey57eWx0--wRiteKEyp7uBtN'  end",
    ),
    (
        "PAGERDUTY_API_KEY",
        "value PagErDuTymHfk.TOKEnYDc7=>3cdpI0cF5ulbCqi0gNAl end",
        "value PagErDuTymHfk.TOKEnYDc end",
    ),
    (
        "HUBSPOT_API_KEY",
        "value HUBSPOtPQbwApi-ToKEneK1ornLuyA_Ho4 :=  c0b10db0-ccd6-4ea8-bf3c-647282c572f1 end",
        "value HUBSPOtPQbwApi-ToKEneK1ornLuyA_Ho4 := end",
    ),
    (
        "ASANA_TOKEN",
        "asana 2/1204939571735620/1205198273645091:9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "asana 2/1204939571735620/120519827364",
    ),
    (
        "ZENDESK_API_TOKEN",
        "value ZEnDEsk-bW3aPI-TokEnP ->8xEmmoSOX74yNVraVDHrcm0x4sWSW5tmR0UPlyPa end",
        "value ZEnDEsk-bW3aPI-TokEnP ->8xEmmoSO end",
    ),
    (
        "FRAMEIO_TOKEN",
        "value fio-u-w5KUI-l2Phuu6se1WTOmFwnjFNcoKUqFgvyBPQ0zBXl-GNk49vgDvr8n4lvxijSh end",
        "value fio-u-w5KUI-l2Phuu6se1WTOmFwnjFNcoK end",
    ),
    (
        "JWT",
        "auth eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJFWEFNUExFIn0.c2lnbmF0dXJlRVhBTVBMRQ",
        "auth eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.ey",
    ),
    (
        "PRIVATE_KEY",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nEXAMPLEkeyMaterialNotReal0123abcXYZ\n-----END OPENSSH PRIVATE KEY-----",
        "value xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end",
    ),
    (
        "PRIVATE_KEY",
        "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: example\nPublic-Lines: 1\nAAAAB3NzaC1yc2EAAAABJQ\nPrivate-Lines: 1\nAAAAgEXAMPLE\nPrivate-MAC: 8f2a9d3e",
        "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: example\nPublic-Lines",
    ),
    (
        "PRIVATE_KEY",
        "k8s: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFRVhBTVBMRQ==",
        "k8s: LS0tLS1CRUdJTiBSU0EgUFJJVkF",
    ),
    (
        "JWK_PRIVATE_KEY",
        '{"kty": "EC", "crv": "P-256", "d": "Q2tq7RjXbLw0vN4fZpYe8sKmHa1cDuGi5oT3xB9nW6E"}',
        '{"kty": "EC", "crv": "P-256", "x": "Q2tq7RjXbLw0vN4fZpYe8sKmHa1cDuGi5oT3xB9nW6E"}',
    ),
    (
        "JWK_PRIVATE_KEY",
        '{"crv": "Ed25519", "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", "kty": "OKP"}',
        '{"crv": "Ed25519", "d": "nWGxne_9WmC6", "kty": "OKP"}',
    ),
    (
        "DATABASE_URL",
        "value CoCKRoaCHdb://JaB4t0@XOS5:ATN~MyY71Tp$0cv3C}*1Kl&]=-;FbeBrpGyA,|-5@x-jlyFEMG42.Q0wMo2RCnuRw.KhW0XsmGOGA end",
        "value CoCKRoaCHdb://JaB4t0@XOS5:ATN~MyY71Tp$0cv3C}*1Kl&]= end",
    ),
    (
        "BASIC_AUTH_URL",
        "value sVn://rreL@TYNIP5-EC&:d2yeCs_@j.KY.O2GdmF_ end",
        "value sVn://rreL@TYNIP5-EC& end",
    ),
    (
        "NTLM_AUTH_MESSAGE",
        "Authorization: NTLM TlRMTVNTUAADAAAAGAAYAEXAMPLEAAAAYABgAbgAAAAAAAABIAAAADgAOAEgAAAAAAAA=",
        "Authorization: NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==",
    ),
]
