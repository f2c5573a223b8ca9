"""The practice lead's records view: find signed records, export their signed PDFs, print them.

``model``: the records table and its filter; ``screen``: the records tab; ``export_dialog``:
exporting to a folder with progress and cancel; ``printing``: painting the kept PDFs' pages
onto a printer.
"""
