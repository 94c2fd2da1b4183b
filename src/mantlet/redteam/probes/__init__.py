"""Attack probes, one module per family. Prompts are the project's own, built from templates
and the mutators in `mantlet.mutators`, seeded for reproducibility."""
