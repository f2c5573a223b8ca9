"""Scores as charts in the window: the caseload at a glance (beside the caseload table), a
child's case history (a dialog), and the team view (a screen for managers and practice leads).

Every chart is read and built in the task runner (``workbench.charts.build_*_chart``) and only
put on a canvas on the UI thread (``ui.charts.ChartView``). Importing these modules does not
import matplotlib.
"""
