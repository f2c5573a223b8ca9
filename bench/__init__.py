"""`make bench`: the workbench held to the figures in DESIGN.md, as ratios against floors."""
