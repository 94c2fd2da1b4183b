"""Detector families. Each module registers its detectors with `mantlet.registry.register`."""
