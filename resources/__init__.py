"""Data shipped with the package: question sets, demo seeds, fonts, style sheets."""
