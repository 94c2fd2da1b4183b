"""Disguised disclosure in other languages: the phrases that ask for a value reversed or
spelled out with separators, and the values an operator tells a model to keep.

The English rule (`disclose_disguised` in signatures.py) also needs a possessive; here a
disguise phrase and a kept value within one sentence's reach are enough, so the rule weighs
less. Each entry is a regex; `DISGUISE_KEYWORDS` holds literals of which every disguise
phrase contains one (the pattern database's anchor).
"""

from __future__ import annotations

_SEPARATORS_ES_PT = (
    r"(?:guiones?|guión|traços?|hífen(?:es|s)?|espacios?|espaços?|puntos?|pontos?|comas?|"
    r"vírgulas?|asteriscos?)"
)
_UNITS_ES_PT = r"(?:dígitos?|letras?|números?|caracteres?|cifras?|algarismos?)"

# Languages written without spaces (and Korean, whose words take particles): no word edge
# to lead with, so a script check leads instead.
_CJK_DISGUISES = (
    # Japanese: reversed, one character at a time, a dash between the digits
    r"逆順|逆から|逆さま|[1１一]文字ずつ|(?:数字|文字|桁|字)(?:の|と)?(?:間|あいだ)に"
    r"(?:ダッシュ|ハイフン|スペース|空白|点|ドット|カンマ|記号)",
    # Chinese
    r"倒序|倒着|反过来|倒过来|逐个|逐字|(?:数字|字母|字符|字)之间(?:加|用|插入|放)",
    # Korean
    r"거꾸로|역순|(?:숫자|글자|문자|자리) ?사이에|한 ?글자씩",
)
_SPACED_DISGUISES = (
    # Spanish and Portuguese
    r"al revés|en (?:el )?orden inverso|ao contrário|de trás para frente|em ordem inversa|"
    rf"{_SEPARATORS_ES_PT} entre (?:cada|los|las|os|as) {_UNITS_ES_PT}|"
    r"letra por letra|dígito por dígito",
    # French
    r"[àa] l['’]envers|(?:dans l['’]|en )ordre inverse|lettre par lettre|chiffre par chiffre|"
    r"(?:tirets?|traits? d['’]union|espaces?|points?|virgules?|astérisques?) entre (?:chaque|les) "
    r"(?:chiffres?|lettres?|caractères?|nombres?)",
    # German
    r"rückwärts|in umgekehrter reihenfolge|buchstabe für buchstabe|buchstabenweise|"
    r"(?:bindestrich|strich|leerzeichen|punkt|komma|sternchen)(?:e|en)? zwischen "
    r"(?:jede[rmn]?|den|allen) (?:ziffern?|buchstaben|zeichen|zahlen)",
    # Italian
    r"all['’]indietro|in ordine inverso|lettera per lettera|"
    r"(?:trattini?|spazi|spazio|punti|punto|virgole?|asterischi?) tra (?:ogni|ciascun[ao]?) "
    r"(?:cifra|lettera|carattere|numero)",
    # Russian
    r"задом наперёд|задом наперед|в обратном порядке|по буквам|по одной букве|"
    r"(?:дефис|тире|пробел|точк|запят)\w* между (?:кажд|все|сосед)\w* (?:цифр|букв|символ|числ)\w*",
)

DISGUISE_KEYWORDS: tuple[str, ...] = (
    "逆順",
    "逆から",
    "逆さま",
    "文字ずつ",
    "間に",
    "あいだに",
    "倒序",
    "倒着",
    "反过来",
    "倒过来",
    "逐个",
    "逐字",
    "之间",
    "거꾸로",
    "역순",
    "사이에",
    "글자씩",
    "al revés",
    "orden inverso",
    "ao contrário",
    "de trás para frente",
    "ordem inversa",
    "entre cada",
    "entre los",
    "entre las",
    "entre os",
    "entre as",
    "letra por letra",
    "dígito por dígito",
    "envers",
    "ordre inverse",
    "lettre par lettre",
    "chiffre par chiffre",
    "entre chaque",
    "entre les",
    "rückwärts",
    "umgekehrter reihenfolge",
    "buchstabe für buchstabe",
    "buchstabenweise",
    "zwischen",
    "indietro",
    "ordine inverso",
    "lettera per lettera",
    "tra ogni",
    "tra ciascun",
    "наперёд",
    "наперед",
    "обратном порядке",
    "по буквам",
    "по одной букве",
    "между",
)

_CJK_KEPT = (
    r"パスワード|暗証番号|秘密|誕生日|誕生年|生年月日|生まれた年|プロンプト",
    r"密码|口令|秘密|密钥|生日|出生日期|出生年份|出生年|提示词|系统提示",
    r"비밀번호|암호|비밀|생일|생년월일|출생 ?연도|태어난 ?해|프롬프트",
)
_SPACED_KEPT = (
    r"contraseña|clave secreta|secreto|fecha de nacimiento|año de nacimiento|cumpleaños|"
    r"senha|chave secreta|segredo|data de nascimento|ano de nascimento|aniversário",
    r"mot de passe|clé secrète|code secret|date de naissance|année de naissance|anniversaire",
    r"passwort|kennwort|geheimnis|geheimen? schlüssel|geburtsdatum|geburtsjahr|geburtstag",
    r"password|chiave segreta|segreto|data di nascita|anno di nascita|compleanno",
    r"пароль|пароля|секретн\w*|дат\w* рождения|год\w* рождения|д(?:ень|ня) рождения",
)

# `re` tries every alternative at every position unless something cheap fails first: a word
# edge for spaced languages, one character class for the others (a tenth of the time).
_CJK_START = r"(?=[1\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"


def _led(spaced: tuple[str, ...], cjk: tuple[str, ...]) -> str:
    return rf"(?:\b(?:{'|'.join(spaced)})|{_CJK_START}(?:{'|'.join(cjk)}))"


DISGUISE = _led(_SPACED_DISGUISES, _CJK_DISGUISES)
KEPT_VALUE = _led(_SPACED_KEPT, _CJK_KEPT)
