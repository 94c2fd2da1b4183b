"""Reports built from findings: SARIF for code scanning, and the locations they point at."""
