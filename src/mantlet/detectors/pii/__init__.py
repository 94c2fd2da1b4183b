"""Structured PII detectors: one module per family (email, phone, cards, IBAN, national ids,
network addresses, URLs, dates). Labels use the data set names: EMAIL, PHONE, CREDIT_CARD,
IBAN, SSN, IP_ADDRESS, URL, DATE, and OTHER for the rest (the kind is named in `reason`)."""
