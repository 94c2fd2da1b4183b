"""Evaluation of detectors on labeled data (formats in shared/datasets/README.md)."""
