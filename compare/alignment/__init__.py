"""Alignment: features, scoring, linking and the Crosswalk that holds links, gaps and extras."""
