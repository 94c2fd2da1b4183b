"""Training code for Mantlet's shipped models (needs the `train` extra: scikit-learn)."""
