"""Names vulture cannot see being used (`make lint` runs vulture over the code, the tests and this).

Each line names something that is used by a framework, not by our code. Dead code does not
belong here: remove it instead. Format: ``_.name`` (an attribute of anything) per name.
"""

# ruff: noqa: B018, F821
# mypy: ignore-errors

# Qt calls these overrides and slots itself (models, event filters, painting, proxies).
_.columnCount
_.eventFilter
_.paintEvent
_.filterAcceptsRow
_.source_parent  # filterAcceptsRow's parameter, named as Qt names it

# SQLAlchemy calls these: a TypeDecorator's hooks, and connection event listeners.
_.impl
_.cache_ok
_.process_bind_param
_.process_result_value
_._on_connect
_._on_begin
_._become_owner
_.isolation_level  # set on the DB-API connection for SQLAlchemy's SQLite recipe
_.inherit_cache  # a custom SQL construct may be cached (workbench.oversight.headline.day_number)
_._day_number_sqlite  # @compiles registers these with SQLAlchemy's compiler
_._day_number_default

# reportlab calls Flowable.wrap(available_width, available_height) and reads these attributes.
_.available_width
_.available_height
_.hAlign
_.useA85

# pyHanko calls an attribute provider's build_attr_value(dry_run) (workbench.export.pades).
_.build_attr_value
_.dry_run

# Columns and enum values the schema keeps (records are kept for decades; migrations define them).
_.GROUP_CONSULTATION
_.ethnicity
_.disability
_.rejected_rows
_.issued_at
_.created_by_id
_.added_by_id
_.recorded_by_id
_.updated_by_id
_.SHARED_WITH_FAMILY
_.SHARED_WITH_CHILD

# Named column constants of table models (the model's column order, spelled out).
_.LAST_REVIEW
_.ASYE
_.STATE

# A reference kept so that a non-modal message box is not garbage-collected while open.
_.confirm_box

# keyring reads a backend's priority; pytest finds fixtures by name.
_.priority
_.memory_keyring
_.own_folders
_.every_file_is_large
_.no_secure_keyring
_.populated
_.team_of_three
_.nq_case_id
_.en_gb
_.collected_on_the_ui_thread
# openpyxl reads these when writing workbooks (tests and the oversight workbook).
_.number_format
_.data_type
_.tableStyleInfo
_.alignment

# Filled by the core, read by nothing yet, in modules other work is changing at the time of
# writing (supervision views, export records, import preview): to review.
_.staff_role
_.chosen_worker
_.goals
_.reflection_id
_.previous_goal
_.supervisee_newly_qualified
_.as_of
_.DISCUSSION_TEXT_FIELDS

# reportlab reads these from the chart image it is handed (workbench/export/charts.py).
_._currentPageHasImages
_.bitsPerComponent
_.colorSpace
_._filters
_.streamContent
_.mask
_.autocommit  # psycopg's connection attribute (workbench/changes.py)
_.splitInRow  # reportlab splits a table row taller than a page (workbench/oversight/report_pdf.py)
_._get_font_height_metrics  # matplotlib's Text asks a renderer for it (workbench/charts/_text_cache.py)

# Python calls a module's __getattr__ for a name it does not have (workbench.importing's lazy names).
_.__getattr__
