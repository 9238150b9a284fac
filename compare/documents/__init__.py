"""Documents: the model, the readers of every file format, and segmentation into numbered items."""
