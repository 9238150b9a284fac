"""The PySide6 review workbench. Shows a Crosswalk and records decisions; never parses files."""
