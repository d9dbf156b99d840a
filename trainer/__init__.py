"""trainer: a keyboard-driven terminal trainer for a corrective-exercise programme for hip imbalance."""

__version__ = "0.1.0"
