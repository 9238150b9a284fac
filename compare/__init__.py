"""The Duibiao engine: readers, segmentation, alignment. Pure Python, no Qt."""
