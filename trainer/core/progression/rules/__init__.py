"""The rules of 6.6, one module per family. `Decider.decide` applies them in the document's order
to a `Judgement`, which carries what they read and what they have said so far."""
