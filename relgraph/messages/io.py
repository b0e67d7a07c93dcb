"""Sentences of reading, validating and importing data, and of the input workbook.

English templates (``{placeholders}`` filled by :func:`relgraph.text.say`);
their translations are in the gettext catalogue (``make catalog``).
"""

TEMPLATES: dict[str, str] = {
    # -- imports (CLI: relgraph import linkedin / salesforce-activity) ----------------
    "imp_linkedin_done": (
        "{rows} LinkedIn connection(s) of {owner}: {tied} tie(s) added to existing people, "
        "{new} new people, {other} not added (see the report)."
    ),
    "imp_written": "Wrote {net} → {out}",
    "imp_report_head": "Import report ({n} row(s)):",
    "imp_activity_done": (
        "{imported} touchpoint(s) imported from {files}; {skipped} row(s) not imported, "
        "{other} kind(s) set to 'other'; the log now has {total} touchpoint(s)."
    ),
    "imp_activity_dup": "already in the interactions log (same salesforce_id); not added again",
    "imp_nothing_unmapped": "Every row mapped one-to-one.",
    "imp_act_no_contact": (
        "no contact (WhoId blank): an activity on an account only cannot be tied to a person"
    ),
    "imp_act_lead": (
        "WhoId {id} is a Lead, not a Contact; convert the lead or add the person by hand"
    ),
    "imp_act_no_owner": "no owner (OwnerId blank)",
    "imp_act_no_date": "no readable date (expected YYYY-MM-DD)",
    "imp_act_unknown": "contact {id} is not in the network",
    "imp_act_not_ours": "owner {id} is not one of our people",
    "imp_act_type_unknown": "activity type not recognised",
    "imp_act_no_type": "no Type, subtype or Call:/Email: subject prefix",
    # -- importers (relgraph.importers): report sentences and file problems -----------
    "imp_summary": "{source}: {added} added; {changed} value(s) changed, {skipped} row(s) skipped",
    "imp_nothing_added": "nothing",
    "imp_expected_name": "a name (text that is not blank)",
    "imp_expected_network": "a RelationshipNetwork (e.g. from relgraph.load) or None",
    "imp_not_a_file": "{path} does not exist or is not a file; export it again from {again}",
    "imp_empty_file": "the file is empty; export it again from {again}",
    "imp_bad_csv": (
        "not a readable CSV file ({error}); check the quotes in this row, or export the file "
        "again from {again}"
    ),
    "imp_li_no_header": (
        "no header line '{header}' in the first {n} lines; is this LinkedIn's Connections.csv? "
        "Export it again (Settings > Data privacy > Get a copy of your data > Connections)"
    ),
    "imp_li_missing_column": (
        "LinkedIn's export has a {name!r} column; the header here is {header}: add the column "
        "or export the file again"
    ),
    "imp_li_no_name": "both First Name and Last Name are blank; fill one in or delete the row",
    "imp_li_bad_date": "expected a date like '01 Jan 2024' (or 2024-01-01); correct or clear it",
    "imp_sf_not_folder": (
        "{path} is not a folder; give the folder holding the Salesforce CSV exports"
    ),
    "imp_sf_no_contacts": (
        "Contact.csv is missing; export the Contact object with API field names into this folder"
    ),
    "imp_sf_missing_column": (
        "a Salesforce {what} export needs the column {name!r} (API name); export it again with "
        "API field names as headers (e.g. Data Loader) or rename the column"
    ),
    "imp_sf_type_other": (
        "the account type is not a customer, competitor or partner type; the org's kind is set "
        "to other"
    ),
    "imp_sf_account_created": (
        "contacts name an account that is not in Account.csv; the org is created as a customer "
        "(export Account.csv to give its name and type)"
    ),
    "imp_sf_no_account": "the contact has no account; their org is set to {org}",
    "imp_sf_no_account_org": "(no account)",
    "imp_sf_manager_missing": "the manager is not in Contact.csv; no reports_to tie is made",
    "imp_sf_manager_elsewhere": (
        "the manager belongs to another account; the reports_to tie is kept"
    ),
    "imp_sf_role_unknown": (
        "not a role relgraph knows; the role is set to other and the original kept in crm_role "
        "(write a known role in your data, or keep other)"
    ),
    "imp_sf_role_no_contact": "the contact is not in Contact.csv; the role row is not imported",
    "imp_sf_opportunity_account": (
        "opportunity {opportunity} is at this account; its kind is set to customer"
    ),
    "imp_sf_user_is_contact": (
        "user id {id!r} is also a contact id, so the exports are inconsistent; export User.csv "
        "and Contact.csv again from the same Salesforce org"
    ),
    "imp_act_no_files": (
        "no Task.csv or Event.csv in the folder; export the Task or Event object with API field "
        "names into it"
    ),
    # -- input workbook (relgraph template) -------------------------------------
    "tpl_required": "required: every row needs a value",
    "tpl_optional": "optional: may be left blank",
    "tpl_choices": "one of: {choices}",
    "tpl_number": "a number",
    "tpl_number_range": "a number from {lo} to {hi}",
    "tpl_number_min": "a number of at least {lo}",
    "tpl_whole_range": "a whole number from {lo} to {hi}",
    "tpl_date": "a date, e.g. 2026-03-31",
    "tpl_bool": "{yes} or {no}; blank for the default",
    "tpl_ref": "an id from the {table} sheet",
    "tpl_ref_list": "ids from the {table} sheet, separated by ';'",
    "tpl_attitude_scale": "−3 {m3}, −2 {m2}, −1 {m1}, 0 {zero}, +1 {p1}, +2 {p2}, +3 {p3}",
    "tpl_list_error_title": "Not in the list",
    "tpl_list_error": "Choose a value from the drop-down list: {choices}",
    "tpl_number_error_title": "Out of range",
    "tpl_readme_sheet": "README",
    "tpl_readme_title": "relgraph input workbook: how to fill it in",
    "tpl_readme_intro": (
        "One sheet per table. Keep each sheet's name and its first row (the column names "
        "relgraph reads) as they are; hover over a column name for its meaning. Columns "
        "with a fixed vocabulary have drop-down lists. Check the workbook with: "
        "relgraph validate {file}"
    ),
    "tpl_readme_example": (
        "The sheets hold the bundled sample account (Xinghe Mobile, fictional) as an "
        "example: replace its rows with your own."
    ),
    "tpl_readme_not_read": "relgraph does not read this sheet.",
    "tpl_head_sheet": "sheet",
    "tpl_head_table": "table",
    "tpl_head_column": "column",
    "tpl_head_required": "required",
    "tpl_head_meaning": "meaning",
    "tpl_head_values": "values",
    "tpl_written": "Wrote the input workbook {path} ({n} sheets, language {language}).",
    "tpl_written_example": "Its sheets hold the sample account as example rows.",
    "tpl_exists": "{path} already exists; pass {flag} to overwrite it",
    "tpl_xlsx_path": "a path ending in .xlsx (the input workbook is an Excel file)",
    "tpl_next": "Fill it in, then check it with: relgraph validate {path}",
    # -- validation messages rendered in the chosen language ------------------------
    "val_unknown_term": "unknown {column} {value!r}; {dym}valid: {valid}",
    "val_did_you_mean": "did you mean {near!r}? ",
    "val_not_boolean": "expected {yes} or {no}; leave blank for the default",
    "val_range": "{column} must be {rule}",
    "val_expected": "expected {rule}",
    "val_problems": "{n} problem(s) in {path}:",
    "val_ok": "OK: {path} is valid.",
    "val_not_read": "note: not read, as they are not relgraph tables: {names}",
    # -- validation hints (relgraph.errors.Message: rendered again in the reader's language)
    "val_more_rows": "… and {n} more rows with the same problem",
    "val_duplicate_id": "{column} {value!r} is already used in row {row}; ids must be unique",
    "val_number": "expected a number",
    "val_number_in": "expected a number, {rule}",
    "val_whole_number": "expected a whole number",
    "val_whole_number_in": "expected a whole number, {rule}",
    "val_from_to": "from {lo} to {hi}",
    "val_at_least": "at least {lo}",
    "val_at_most": "at most {hi}",
    "val_boolean": "expected true/false (or yes/no, 1/0); leave blank for the default",
    "val_bad_date": "not a date; write it as YYYY-MM-DD (e.g. 2026-03-31)",
    "val_future_date": ("date is after today ({today}); check the year and the day/month order"),
    "val_meant_column": " (is {near!r} meant to be {name!r}?)",
    "val_missing_column": "required column {name!r} is missing{dym}; the header needs {header}",
    "val_no_rows": "the {table} table has a header but no rows; add at least one row",
    "val_blank_row": "the row is entirely blank; delete it or fill it in",
    "val_blank_required": "{column} is required and cannot be blank",
    "val_duplicate_row": "the same ({columns}) appears twice; remove or merge the repeated row",
    "val_unknown_id": "no {what} with id {value!r} in the {ref} table{dym}",
    "val_unknown_id_dym": "; did you mean {near!r}?",
    "val_supports_kind": (
        "{value!r} is not a competitor org (its kind is {kind!r}); supports must name an org "
        "of kind competitor"
    ),
    "val_support_without_supports": (
        "support is given but supports (which competitor) is blank; fill in supports or clear "
        "support"
    ),
    "val_account_kind": "account {value!r} is not a customer org (its kind is {kind!r})",
    "val_competitors_kind": "competitors must name orgs of kind competitor",
    "val_covers_source": (
        "a covers tie must start at one of our people (an org of kind us); use another kind for "
        "a competitor's or partner's contact"
    ),
    "val_our_person_kind": (
        "{value!r} is not one of our people (their org's kind is {kind!r}); our_person must be "
        "at an org of kind us"
    ),
    "val_their_people_ours": (
        "their_people must be customer (or other outside) people, not our own; internal "
        "meetings do not belong in the interactions log"
    ),
    "val_tie_both_ways": (
        "the personal tie {tie} is given in both directions with the same kind; personal ties "
        "are undirected, so keep one of the two rows"
    ),
    "val_self_tie": "a tie must join two different people",
    "val_two_managers": (
        "{value!r} reports to more than one manager ({managers}); keep one reports_to tie and "
        "record the other as 'influences' or 'works_with'"
    ),
    "val_reporting_cycle": (
        "reports_to forms a cycle: {members}; someone at the top must report to nobody"
    ),
    "val_not_text": (
        "the file is neither UTF-8, UTF-16 nor GBK/GB18030 text; save it as 'CSV UTF-8' "
        "(Excel: File > Save As > CSV UTF-8)"
    ),
    "val_duplicate_column": (
        "the column(s) {columns} appear more than once in the header (names are compared "
        "ignoring case and spaces); rename or remove the extra column"
    ),
    "val_surrogates": (
        "the column holds text that is not valid Unicode (lone surrogates); fix the text where "
        "it came from"
    ),
    "val_unreadable": "cannot read the file: {error}",
    "val_nul": (
        "the file contains a NUL character (first on line {line}): it is binary or mis-encoded; "
        "save it again as 'CSV UTF-8'"
    ),
    "val_empty_file": "the file is empty; add a header",
    "val_bad_csv": (
        "not a readable CSV ({error}); check the quotes and the number of commas per row"
    ),
    "val_bad_parquet": "not a readable Parquet file ({error})",
    "val_missing_file": "required file {table}.csv is missing; create it with the header {header}",
    "val_bad_workbook": "cannot read the workbook ({error}); save it again as .xlsx",
    "val_missing_sheet": "required sheet {table!r} is missing; add it with the columns {header}",
    "val_unknown_table": "unknown table {table!r}; {dym}tables are {tables}",
    "val_missing_frame": (
        "the {table!r} table is required; pass a DataFrame with the columns {header}"
    ),
    "val_not_a_frame": "expected a pandas DataFrame for {table!r}, got {got}",
    "val_several_files": "several files hold the {table} table ({names}); keep exactly one",
    "val_wrong_suffix": (
        "{name} is not read: a folder's tables are <table>.csv or <table>.parquet files; save it "
        "as {meant}.csv"
    ),
    "val_misnamed_file": (
        "{name} is not a table name, so it is not read; did you mean {meant}.csv? rename it "
        "(tables: {tables})"
    ),
    "val_misnamed_sheet": (
        "sheet {name!r} is not a table name, so it is not read; did you mean {meant!r}? rename "
        "the sheet (tables: {tables})"
    ),
    "val_path_missing": "{path} does not exist; give a folder of CSV files or an Excel workbook",
    "val_path_not_input": (
        "{path} is neither a folder nor an .xlsx file; give a folder of CSV files or an Excel "
        "workbook"
    ),
    "val_path_one_table": (
        "{path} is one table; give the folder that holds all the tables ({folder})"
    ),
    # -- validation --------------------------------------------------------------------
    "val_mixed_encoding": (
        "line {line} is not UTF-8 (shown as it reads in GBK) although the rest of the file "
        "is UTF-8 ({n} such line(s)); the file is not guessed as a whole: retype the row, or "
        "save the whole file again as 'CSV UTF-8'"
    ),
    "val_short_row": (
        "the row has {fields} field(s) but the header has {expected}; it is not padded with "
        "blanks: add the missing commas (an empty value still needs its comma)"
    ),
    "val_long_row": (
        "the row has {fields} fields but the header has {expected}; put a value that holds "
        "a comma in double quotes, or remove the extra commas"
    ),
    "val_unclosed_quote": (
        "the row has {fields} field(s) but the header has {expected}, and a double quote in "
        "it is never closed, so what follows reads as one value; close the quote or remove it"
    ),
    "val_excel_error": (
        "the cell holds the Excel error {value}, which would load as blank; fix the formula "
        "behind it or type the value"
    ),
    "val_uncached_formula": (
        "the cell holds a formula whose result was never saved (the file was written by a "
        "program that does not calculate), so it would load as blank; open and save the "
        "workbook in Excel or LibreOffice, or type the value"
    ),
    "val_invisible_blank": (
        "{column} holds only invisible characters (zero-width spaces, joiners, byte-order "
        "marks, soft hyphens), so it is blank; fill it in"
    ),
    "val_lookalike_id": (
        "{column} {value!r} looks the same as {other!r} in row {row}: they differ only by "
        "invisible or full-width characters, so they would be two different ids; remove the "
        "invisible characters (or type the id in half-width) to make them one, or choose "
        "another id"
    ),
    "val_lookalike_ref": (
        "no {what} with id {value!r} in the {ref} table; {real!r} is there and differs only "
        "by invisible or full-width characters: write {real!r}"
    ),
    "val_side_us": "one of our own people",
    "val_side_competitor": "a competitor's staff",
    "val_role_holder_side": (
        "{person!r} is {side} (org {org}), and a buying role is held by the customer's "
        "people (or a partner's or another outsider's); record our people through covers or "
        "informs ties and a competitor's through influences ties or supports"
    ),
    "val_reports_across": (
        "{source!r} (at an org of kind {source_kind}) cannot report to {target!r} (kind "
        "{target_kind}): a reporting line stays within our side, a competitor's, or the "
        "customer's and their partners'; record this tie as influences or works_with"
    ),
    # -- spark -------------------------------------------------------------------
    "spark_range_both": " from {lo} to {hi}",
    "spark_range_lo": " of at least {lo}",
    "spark_range_hi": " of at most {hi}",
    "spark_hint_term": "unknown {column}; valid: {choices}",
    "spark_hint_number": "expected a number{range}",
    "spark_hint_int": "expected a whole number{range}",
    "spark_hint_range": "{column} must be a number{range}",
    "spark_hint_duplicate_id": (
        "this {column} is already used in an earlier row; ids must be unique"
    ),
    "spark_hint_missing_column": "required column {column!r} is missing; the header needs {header}",
    "spark_hint_reference": "names an id that is not in the {table} table ({column})",
    "spark_hint_supports": "supports must name an org of kind competitor",
    "spark_hint_account": "account must name an org of kind customer",
    "spark_hint_our_person": "our_person must be at an org of kind us",
    "spark_hint_both_ways": (
        "this personal tie is given in both directions with the same kind; personal ties "
        "are undirected, so keep one of the two rows"
    ),
    "spark_hint_two_managers": (
        "reports to more than one manager; keep one reports_to tie and record the other as "
        "'influences' or 'works_with'"
    ),
    "spark_hint_cycle": (
        "reports_to forms a cycle through this row; someone at the top must report to nobody"
    ),
    "spark_more_rows": "… and %d more rows with the same problem",
}
