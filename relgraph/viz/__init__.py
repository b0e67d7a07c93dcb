"""Outputs a person looks at: HTML maps (pyvis) and plots (matplotlib)."""
