"""Names in text: people, places, organizations (NER model) and street addresses (patterns)."""
