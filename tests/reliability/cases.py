"""Every fault and bad-input class the reliability tests inject, with how many cases each runs.

The tests take their counts from the constants here and assert that exactly that many cases
ran; docs/reliability.md is rendered from this list (tests/reliability/report.py) and a test
fails when the document is out of step with it.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- corpora ------------------------------------------------------------------------------------
KILL_PLANS, KILL_MEASURES = 10, 50  # the corpus the kill, restart and concurrency tests load

# -- faults -------------------------------------------------------------------------------------
KILL_FRESH = 5  # SIGKILL points during a first load, embedded store
KILL_REPLACE = 3  # ... during a load that replaces every plan with an edited version
NEO4J_KILL_FRESH = 3  # SIGKILL of `policygraph load --neo4j` while a write transaction is open
NEO4J_KILL_REPLACE = 2
NEO4J_RESTARTS = 2  # server stopped and started again during a load: graceful, then SIGKILL
NEO4J_DOWN = 3  # server gone: during a load, then `report` and `load` against it
NEO4J_REPORT_RESTART = 1  # server restarted while a long read runs
NEO4J_CONCURRENT = 1  # two loads at once into one Neo4j database
NEO4J_OVERLAPPING = 2  # trials of three loads at once of the same plans: each must finish
CONCURRENT_TRIALS = 3  # two `policygraph load` processes on one embedded store
READS_DURING_LOAD = 20  # read-only opens (as `report` does) while a load writes
READ_RACES = 2  # a read-only open failing as LadybugDB does when a writer races it: once, always
DISK_FULL_SIZES = (0, 64 * 1024, 256 * 1024, 1024 * 1024)  # free bytes left on a tmpfs
DISK_FILLS_SIZES = (16 * 1024, 256 * 1024, 1024 * 1024)  # ... with the space check turned off
FILE_SIZE_EXTRA = (0, 50_000, 300_000)  # RLIMIT_FSIZE: bytes a file may grow past the store
TRUTH_EXTRA = (0, 4096, 50_000)  # the same, on a corpus where a commit survives its checkpoint
UNWRITABLE_STORES = 4  # parent is a file; read-only folder; store is a folder; read-only fs
UNREADABLE_INPUTS = 7  # mode 000; FIFO; device; EIO; dangling link; folders holding them

# -- bad input ----------------------------------------------------------------------------------
FUZZ_RANDOM_TEXT = 300  # hypothesis examples: arbitrary Unicode text
FUZZ_PLAN_GRAMMAR = 300  # generated plans in the shapes the parser reads, round-tripped
FUZZ_MUTATED = 300  # byte-level mutations of the bundled plan and the format fixtures
FUZZ_FILES = 200  # arbitrary bytes as .txt, .md, .docx and .pdf files; damaged PDFs
FUZZ_CLI = 60  # `policygraph parse` and `validate` in-process on generated plans
PATHOLOGICAL = 17  # 1 MB hostile lines: label floods, unbalanced and nested brackets ...
HUGE = 4  # an 8 MB plan; an 8 MB line; a file over the size limit; a .docx zip bomb
CONTROL_CHARACTERS = 3  # NUL, C0/C1 controls, bidi and zero-width characters
ENCODINGS = 6  # mixed UTF-8/GBK; BOM then a bad byte; broken UTF-16; GB18030; UTF-16; neither
XML_FORBIDDEN = 5  # U+FFFE, U+FFFF, U+FDD0, U+1FFFF, a lone surrogate inside a name
LOOKALIKES = 12  # format characters, fillers, selectors, tags, U+034F; Kangxi and compat forms
WORD_BOMBS = 2  # a .docx of a few hundred KB unpacking to 200 MB; to 24 MB at 1,000 times
PDF_BOMBS = 2  # 200 pages sharing one 70 MB content stream; the time bound
WRONG_ENCODINGS = 3  # a Big5 plan; Shift-JIS and EUC-KR files
BIG_NUMBERS = 1  # a plan of 10,010 items, numbered past 9,999
FOLDER_WITH_BAD_FILES = 2  # `load` and `validate` of a folder holding a notes file and a bad .docx

# -- hostile output (issue #18) -----------------------------------------------------------------
CSV_OUTPUTS = 41  # CSV of every report (34), of analyze's four sections, two searches, validate
XML_EXPORTS = (".graphml", ".gexf")
XML_FORBIDDEN_NAMES = ("区\ufffe局", "区\uffff局", "区\x01\x1f局", "区\x0b\x0c局")
SCALE_OUTPUTS = 6  # parse JSON, three views of 9,999 measures; past the size limit (2 ways)
OVERWRITE_TARGETS = 7  # -o/--export at the store, its .wal/.shadow, a link to it; an input plan
WRITE_FAILURES = 10  # report, validate, analyze -o/--export, view -o: a missing folder; /dev/full
HUGE_INTS = (str(2**63), str(-(2**63) - 1), "9" * 40)
# report, -p values that match nothing in the store (or a count below 1), the error they give
UNMATCHED_VALUES = (
    ("department-measures", "department=区教育厅", "no department '区教育厅' in the store (did"),
    ("department-measures", "department=区无此局", "no department '区无此局' in the store"),
    ("department-workload", "plan=ziliujing", "no plan 'ziliujing' in the store (did you mean"),
    ("measure-detail", "number=0", "no measure numbered 0 in the store; its measures are"),
    ("commitments", "kind=cash", "no commitment kind 'cash'; use one of money"),
    ("coordination-pairs", "limit=0", "parameter 'limit' of report coordination-pairs must be 1"),
    ("top-lead-share", "top=-1", "parameter 'top' of report top-lead-share must be 1 or more"),
)
HOSTILE_FILE_NAMES = ("a\nError: forged", "\x1b[31mred\x1b[0m", "\x9b2J\r", "\u202eevil")
CREDENTIAL_URIS = (
    "bolt://127.0.0.1:9?password={}",
    "neo4j://127.0.0.1:9?policy=x&auth={}",
    "bolt://127.0.0.1:9?access_token={}",
    "bolt://127.0.0.1:9/?p%61ssword={}",
    "bolt+s://127.0.0.1:9#apikey={}",
    "bolt://neo4j:{}@127.0.0.1:9?x=1",
)
SETTING_ERRORS = 5  # POLICYGRAPH_MIN_FREE_MB nan, inf; a link loop (alone, in a folder); expired

# -- security -----------------------------------------------------------------------------------
HOSTILE_VALUES = (
    "'",
    '"',
    "\\",
    "'}) DETACH DELETE n //",
    '"}) DETACH DELETE n //',
    "x' OR 1=1 //",
    "*/ MATCH (n) DETACH DELETE n /*",
    "// comment\nMATCH (n) DETACH DELETE n",
    "$plan",
    "{}",
    "区委组织部'); DROP TABLE Measure; --",
    "\u0000\u202e",
)
HOSTILE_NAMES = (
    "plans; MATCH (n) DETACH DELETE n",
    "../queries/plans",
    "plans //",
    "plans.cypher",
    "PLANS",
    "",
)
HOSTILE_PLAN_IDS = 3  # file names / --plan-id with quotes and Cypher; a TMPDIR with quotes
CREDENTIAL_SCENARIOS = 6  # unreachable, bad scheme, auth refused, --password, help, server log
VIEW_NAMES = ("overview", "department", "ego", "theme", "coordination", "plans")

SURVIVED = "survived"
CLEAR_ERROR = "clear error"
NOTHING_LOST = "nothing lost"


@dataclass(frozen=True)
class Case:
    area: str
    name: str
    cases: int
    outcome: str
    proof: str
    tests: tuple[str, ...]
    known_bug: str = ""  # the test is a strict expected failure until this is fixed
    note: str = ""  # a flaw the (passing) test tolerates and records


F = "tests/reliability/test_faults_embedded.py::"
N = "tests/reliability/test_faults_neo4j.py::"
Z = "tests/reliability/test_fuzz_parser.py::"
S = "tests/reliability/test_security.py::"
H = "tests/reliability/test_hostile_output.py::"
HI = "tests/reliability/test_hostile_input.py::"

CASES: tuple[Case, ...] = (
    Case(
        "Faults",
        "SIGKILL during a first load (embedded)",
        KILL_FRESH,
        NOTHING_LOST,
        "killed at spread points after writing began; a report run right after shows only whole "
        "plans or prints one `Error:` line; after recovery every plan is whole or absent; the "
        "same load run again gives a graph equal to a clean load (every node, edge, property)",
        (F + "test_kill_during_first_load",),
    ),
    Case(
        "Faults",
        "SIGKILL while replacing edited plans (embedded)",
        KILL_REPLACE,
        NOTHING_LOST,
        "every plan is still there afterwards, exactly its old or exactly its new version; rerun "
        "equals a clean load of the new version",
        (F + "test_kill_while_replacing_plans",),
    ),
    Case(
        "Faults",
        "SIGKILL during the checkpoint after a replacing commit (embedded)",
        1,
        NOTHING_LOST,
        "every plan stored before the load is still there afterwards (old or new version): "
        "replaced plans are written by logged statements, because LadybugDB 0.22 loses COPY's "
        "rows when killed during the checkpoint that follows their commit",
        (F + "test_kill_during_checkpoint_keeps_every_plan",),
    ),
    Case(
        "Faults",
        "SIGKILL during a load (Neo4j)",
        NEO4J_KILL_FRESH + NEO4J_KILL_REPLACE,
        NOTHING_LOST,
        "killed while the server shows one of its write transactions open; the server rolls it "
        "back: every plan whole (old or new version) or absent; rerun equals a clean load",
        (N + "test_kill_during_load", N + "test_kill_while_replacing_plans"),
    ),
    Case(
        "Faults",
        "Neo4j restarted during a load (graceful, then SIGKILL of the server)",
        NEO4J_RESTARTS,
        NOTHING_LOST,
        "the load finishes by retrying (a retried transaction first deletes its plans, so a "
        "retry after a commit the driver did not see rewrites the same graph), or prints one "
        "`Error:` line; rerun equals a clean load",
        (N + "test_server_restart_during_load",),
    ),
    Case(
        "Faults",
        "Neo4j stopped: during a load, then report and load against it",
        NEO4J_DOWN,
        CLEAR_ERROR,
        "one `Error:` line naming the server and nothing else on stderr (the driver's retry "
        "warnings are silenced), exit 1, within the driver's 30 s of retries; "
        "after a start the rerun equals a clean load",
        (N + "test_server_stopped_during_load_and_while_down",),
    ),
    Case(
        "Faults",
        "Neo4j restarted while a report's query runs",
        NEO4J_REPORT_RESTART,
        SURVIVED,
        "the query returns the right answer after a retry, or raises policygraph's own error",
        (N + "test_server_restart_during_a_read",),
    ),
    Case(
        "Faults",
        "Two loads at once into one Neo4j database",
        NEO4J_CONCURRENT,
        NOTHING_LOST,
        "both finish or one prints one `Error:` line; every plan whole; rerun equals a clean load",
        (N + "test_two_loads_at_once",),
    ),
    Case(
        "Faults",
        "Three loads at once of the same plans into one Neo4j database",
        NEO4J_OVERLAPPING,
        SURVIVED,
        "every load finishes (a batch that meets another load's nodes is run again: it "
        "deletes its plans first; before, two of three failed on a raw constraint error); "
        "the graph equals a clean load",
        (N + "test_overlapping_loads_all_finish",),
    ),
    Case(
        "Faults",
        "Two loads at once into one embedded store",
        CONCURRENT_TRIALS,
        CLEAR_ERROR,
        "the second prints `Error: the store … is in use by another process (process N)…` and "
        "exits 1; the store then equals a clean load",
        (F + "test_two_loads_at_once",),
    ),
    Case(
        "Faults",
        "Reports while a load runs (embedded)",
        READS_DURING_LOAD,
        SURVIVED,
        "each read-only open during a load either sees every plan whole (old or new version, "
        "and the `plans` report agrees) or fails with one error line (`the store … is in use "
        "by another process` while the writer checkpoints). A read whose file changed under it "
        "(a checkpoint) is read again from a fresh open",
        (F + "test_reports_during_a_load_see_whole_plans",),
    ),
    Case(
        "Faults",
        "A read-only open racing a writer (LadybugDB's `Write-write conflict`)",
        READ_RACES,
        CLEAR_ERROR,
        "an open that fails while the store changes is tried again and succeeds; one that "
        "keeps failing is `Error: the store … is in use by another process`, never "
        "LadybugDB's own message (seen in about 1 of 93 opens during a replacing load)",
        (F + "test_a_read_only_open_racing_a_writer_is_retried_or_called_busy",),
    ),
    Case(
        "Faults",
        "Disk full (a small tmpfs, filled to a few free bytes)",
        len(DISK_FULL_SIZES),
        NOTHING_LOST,
        "one `Error:` line (`not enough disk space`, checked before writing); the stored plans "
        "survive whole; after freeing space the rerun equals a clean load (skipped where tmpfs "
        "cannot be mounted)",
        (F + "test_disk_full",),
    ),
    Case(
        "Faults",
        "Disk fills during a replacing load (space check off)",
        len(DISK_FILLS_SIZES),
        NOTHING_LOST,
        "LadybugDB 0.22 aborts the process when its log write fails (upstream; no `Error:` "
        "line); the next command repairs the store from the damaged log with a `warning:` line, "
        "every plan is still there (old or new version), and the rerun equals a clean load",
        (F + "test_disk_fills_during_a_replacing_load",),
    ),
    Case(
        "Faults",
        "File size limit (RLIMIT_FSIZE: writes fail with EFBIG)",
        len(FILE_SIZE_EXTRA),
        NOTHING_LOST,
        "one `Error:` line; the plans are whole or absent; rerun equals a clean load",
        (F + "test_file_size_limit",),
    ),
    Case(
        "Faults",
        "Error after a failed checkpoint tells the truth",
        len(TRUTH_EXTRA),
        CLEAR_ERROR,
        "when the message says `nothing was written`, the plan is absent after recovery; when "
        "LadybugDB committed but failed its checkpoint, the message says so and that the plan "
        "may be missing (it is in some cases: COPY's rows are not in LadybugDB's WAL); every "
        "plan is whole or absent",
        (F + "test_failed_checkpoint_message_is_truthful",),
    ),
    Case(
        "Faults",
        "Disk full while creating a new store",
        1,
        CLEAR_ERROR,
        "one `Error:` line before any file is created, and the store path is usable once "
        "space is freed",
        (F + "test_new_store_on_a_full_disk",),
    ),
    Case(
        "Faults",
        "Unwritable store path",
        UNWRITABLE_STORES,
        CLEAR_ERROR,
        "one `Error:` line naming the path (exit 1, also for a folder given as `--store`); "
        "nothing created",
        (F + "test_unwritable_store_path",),
    ),
    Case(
        "Faults",
        "Unreadable input file",
        UNREADABLE_INPUTS,
        CLEAR_ERROR,
        "one `Error:` line naming the file, also when it sits in a folder given to `load "
        "--strict` (never skipped silently); the store is untouched (every file is read before "
        "anything is written)",
        (F + "test_unreadable_input",),
    ),
    Case(
        "Bad input",
        "Arbitrary Unicode text (hypothesis)",
        FUZZ_RANDOM_TEXT,
        SURVIVED,
        "parse_text returns records and warnings, never raises; records are consistent (ids "
        "unique, every edge's ends exist, positions count from 1)",
        (Z + "test_any_text_gives_consistent_records",),
    ),
    Case(
        "Bad input",
        "Generated plans in every shape the parser reads (hypothesis)",
        FUZZ_PLAN_GRAMMAR,
        SURVIVED,
        "every measure comes back with its number, text, lead and supporting units; none is "
        "dropped",
        (Z + "test_generated_plans_round_trip",),
    ),
    Case(
        "Bad input",
        "Mutated real plans: text inserted, deleted, duplicated; re-encoded; stray bytes "
        "(hypothesis)",
        FUZZ_MUTATED,
        SURVIVED,
        "records plus warnings, or one InputError; never another exception",
        (Z + "test_mutated_plans_never_crash",),
    ),
    Case(
        "Bad input",
        "Arbitrary bytes as .txt, .md, .docx and .pdf files, and damaged PDFs (hypothesis)",
        FUZZ_FILES,
        CLEAR_ERROR,
        "records plus warnings, or one InputError",
        (Z + "test_arbitrary_files_never_crash",),
    ),
    Case(
        "Bad input",
        "The CLI on generated plans (parse, validate)",
        FUZZ_CLI,
        SURVIVED,
        "exit 0, or exit 1 with one `Error:` line; never `unexpected`",
        (Z + "test_cli_on_generated_plans",),
    ),
    Case(
        "Bad input",
        "Hostile 1 MB lines: label floods, unbalanced and nested brackets, digit runs ...",
        PATHOLOGICAL,
        SURVIVED,
        "each parses in under 5 s (several took minutes to hours before: quadratic regexes)",
        (Z + "test_pathological_lines_parse_in_bounded_time",),
    ),
    Case(
        "Bad input",
        "Huge files and lines; zip bomb",
        HUGE,
        CLEAR_ERROR,
        "an 8 MB plan and an 8 MB line parse within 60 s and 1.5 GB; over 64 MB, or a .docx "
        "unpacking to over 32 MB, is one clear error before reading it",
        (Z + "test_huge_plan_in_bounded_time_and_memory", Z + "test_huge_inputs_are_refused"),
    ),
    Case(
        "Bad input",
        "Control and invisible characters",
        CONTROL_CHARACTERS,
        SURVIVED,
        "removed, with a `control-character` warning naming the line; names stay one department",
        (Z + "test_control_characters_are_removed_with_a_warning",),
    ),
    Case(
        "Bad input",
        "Mixed and broken encodings",
        ENCODINGS,
        CLEAR_ERROR,
        "a file mixing UTF-8 and GBK, or broken UTF-16, is one error naming the line or byte; "
        "whole GB18030 and UTF-16 files read correctly",
        (Z + "test_encodings",),
    ),
    Case(
        "Hostile output",
        "CSV formula injection, list cells included",
        CSV_OUTPUTS,
        SURVIVED,
        "department names and measure texts starting with `= + - @` come out of every report, "
        "every analyze section, search (its snippets too) and validate as CSV cells quoted "
        "with `'` (list cells are joined first, then guarded); no cell starts a formula",
        (H + "test_csv_cells_never_start_a_formula",),
    ),
    Case(
        "Hostile output",
        "Names holding characters XML forbids (U+FFFE, U+FFFF, C0 controls) in exports",
        len(XML_EXPORTS),
        SURVIVED,
        "`analyze --export` writes GraphML and GEXF that parse back (every department, the "
        "forbidden characters shown as `\\uXXXX` text); before: a crash or ill-formed XML",
        (H + "test_exports_are_well_formed_xml_for_any_stored_name",),
    ),
    Case(
        "Hostile output",
        "A 9,999-measure plan: parse output and views; a view past the size limit",
        SCALE_OUTPUTS,
        SURVIVED,
        "`parse`'s JSON and the overview, department and theme views take at most twice a "
        "linear step on the same plan (parsing it, reading it), where they took 35 and 11 times "
        "it; a view over 20,000 nodes or 60,000 edges is one `Error:` line suggesting a "
        "smaller view, and no file",
        (
            H + "test_parse_and_views_take_linear_time_and_refuse_what_no_browser_draws",
            H + "test_a_view_past_the_limit_is_one_error_line_and_no_file",
        ),
    ),
    Case(
        "Hostile output",
        "`-o` or `--export` naming the store, its files, or an input plan",
        OVERWRITE_TARGETS,
        NOTHING_LOST,
        "one `Error: cannot write …` line before any work; the store and the plan are "
        "byte-for-byte untouched",
        (H + "test_output_never_overwrites_the_store_or_an_input",),
    ),
    Case(
        "Hostile output",
        "Output that cannot be written (a missing folder, a full disk)",
        WRITE_FAILURES,
        CLEAR_ERROR,
        "one `Error: cannot write PATH: …` line for every command that writes a file; a "
        "missing folder is named before any work is done",
        (H + "test_write_failures_are_one_error_naming_the_file",),
    ),
    Case(
        "Hostile output",
        "Integer report parameters beyond 64 bits",
        len(HUGE_INTS),
        CLEAR_ERROR,
        "one `Error:` line giving the allowed range, on the embedded store and before any "
        "Neo4j connection; the largest 64-bit value still runs",
        (H + "test_huge_integer_parameters_are_one_clear_error",),
    ),
    Case(
        "Hostile output",
        "Report parameters that match nothing: a department, plan, measure number or "
        "commitment kind the store lacks; a limit or top below 1",
        len(UNMATCHED_VALUES),
        CLEAR_ERROR,
        "one `Error:` line naming the closest stored values, exit 1, nothing on stdout (an "
        "empty table before)",
        (H + "test_report_values_that_match_nothing_are_one_error",),
    ),
    Case(
        "Hostile output",
        "File names with newlines, ANSI and C1 escapes, bidi overrides; CSV on stdout",
        len(HOSTILE_FILE_NAMES) + 1,
        SURVIVED,
        "every `Error:` and `wrote` line stays one line with the characters shown as `\\n` or "
        "`\\uXXXX`; CSV on standard output is byte-for-byte the file `-o` writes",
        (
            H + "test_hostile_file_names_stay_on_one_line_and_send_no_escapes",
            H + "test_csv_on_standard_output_is_the_bytes_written_to_a_file",
        ),
    ),
    Case(
        "Hostile output",
        "Credentials in a Neo4j URI's query, fragment or user part",
        len(CREDENTIAL_URIS),
        SURVIVED,
        "`?password=`, `?auth=`, tokens, keys (also %-escaped) and `user:password@` are shown "
        "as `***`; the URI is refused with one `Error:` line that never holds the secret",
        (H + "test_credentials_anywhere_in_the_uri_are_never_shown",),
    ),
    Case(
        "Hostile output",
        "Odd settings: POLICYGRAPH_MIN_FREE_MB=nan|inf, link loops, an expired Neo4j password",
        SETTING_ERRORS,
        CLEAR_ERROR,
        "one `Error:` line each that names the setting, says `symbolic link loop`, or says the "
        "password must be changed and how (a Neo4j with auth of the test's own)",
        (
            H + "test_settings_and_link_loops_are_one_clear_error",
            H + "test_an_expired_initial_password_is_one_line_saying_what_to_do",
        ),
    ),
    Case(
        "Bad input",
        "Characters XML forbids inside a name (U+FFFE, U+FFFF, noncharacters, lone surrogates)",
        XML_FORBIDDEN,
        SURVIVED,
        "removed at parse time with a `control-character` warning naming the line; the name "
        "stays one department and every stored text parses back as XML (a GraphML export of "
        "such a name crashed the process)",
        (HI + "test_characters_xml_forbids_are_removed_from_names_with_a_warning",),
    ),
    Case(
        "Bad input",
        "Look-alike department names (soft hyphen, U+061C, U+180E, Hangul fillers, variation "
        "selectors, tag characters, U+034F, Kangxi radicals, compatibility ideographs)",
        LOOKALIKES,
        SURVIVED,
        "one department, not a second `区教育局`; a `control-character` or "
        "`look-alike-character` warning names the line (full-width punctuation is kept)",
        (HI + "test_look_alike_names_are_one_department_with_a_warning",),
    ),
    Case(
        "Bad input",
        "Small Word bombs (a few hundred KB unpacking to 200 MB, or 24 MB at 1,000 times)",
        WORD_BOMBS,
        CLEAR_ERROR,
        "one `Error:` naming the file within 20 s under a 3 GB memory limit (before: 5.8 GB "
        "and 569 s); a .docx may unpack to 32 MB, and past 4 MB to 100 times its packed size",
        (HI + "test_small_word_bombs_are_refused_at_once",),
    ),
    Case(
        "Bad input",
        "Small PDF bombs (200 pages sharing one 70 MB content stream); slow PDFs",
        PDF_BOMBS,
        CLEAR_ERROR,
        "one `Error:` naming the file within 30 s (before: over 10 minutes): a PDF's pages may "
        "unpack to 32 MB of drawing instructions in all and take 60 s to read",
        (
            HI + "test_small_pdf_bomb_is_refused_at_once",
            HI + "test_a_pdf_that_reads_too_slowly_is_refused",
        ),
    ),
    Case(
        "Bad input",
        "Wrong encodings: Big5, Shift-JIS, EUC-KR",
        WRONG_ENCODINGS,
        CLEAR_ERROR,
        "a Big5 plan reads exactly as its text (it loaded as GB18030 nonsense before); "
        "Shift-JIS and EUC-KR files are one error saying what they look like",
        (
            HI + "test_a_big5_plan_reads_as_its_text",
            HI + "test_japanese_and_korean_files_are_refused_clearly",
        ),
    ),
    Case(
        "Bad input",
        "Item numbers past 9,999",
        BIG_NUMBERS,
        SURVIVED,
        "a plan of 10,010 numbered items gives 10,010 measures and no invented department "
        "(`10000. …` was not read as an item: a 100,000-measure plan loaded as 9,999)",
        (HI + "test_items_numbered_past_9999_are_each_a_measure",),
    ),
    Case(
        "Bad input",
        "A folder holding a notes file and a damaged .docx among plans (load, validate)",
        FOLDER_WITH_BAD_FILES,
        CLEAR_ERROR,
        "each bad file is named in its own `Error:` line, the other plans are loaded or "
        "checked, and a last `Error:` line sums up with exit code 1; `--strict` loads nothing",
        (HI + "test_a_folder_with_bad_files_uses_the_others_and_names_each",),
    ),
    Case(
        "Security",
        "Hostile report parameter values, each on both stores",
        len(HOSTILE_VALUES),
        SURVIVED,
        "every report with a text parameter runs with each value (quotes, `}) DETACH DELETE n "
        "//`, comments, `$plan`) as data: no error, the graph dump is unchanged; int "
        "parameters refuse them with one `Error:` line",
        (S + "test_hostile_parameter_values_change_nothing",),
    ),
    Case(
        "Security",
        "Hostile report and parameter names",
        len(HOSTILE_NAMES),
        CLEAR_ERROR,
        "`no report named …` / `has no parameter …`: names come only from the catalogue",
        (S + "test_report_names_come_only_from_the_catalogue",),
    ),
    Case(
        "Security",
        "Hostile plan ids, file names and temporary paths",
        HOSTILE_PLAN_IDS,
        SURVIVED,
        "stored verbatim as values; other plans untouched",
        (S + "test_hostile_plan_ids_and_paths_stay_values",),
    ),
    Case(
        "Security",
        "HTML views of a hostile plan (real headless Chromium)",
        len(VIEW_NAMES),
        SURVIVED,
        "no script runs, no element is injected, no request leaves the file; the text shows "
        "as text",
        (
            "tests/browser/test_views_browser.py::test_hostile_plan_text_shows_as_text_and_runs_nothing",
        ),
    ),
    Case(
        "Security",
        "Credentials",
        CREDENTIAL_SCENARIOS,
        SURVIVED,
        "the password never appears in output, errors, debug tracebacks or the server's logs; "
        "there is no option for it (`--password` is refused without echoing it); .env is "
        "git-ignored; refused credentials are one error without the password",
        (
            S + "test_password_is_never_shown",
            S + "test_password_is_never_an_option",
            "tests/integration/test_neo4j_store.py::"
            "test_refused_credentials_are_a_clear_error_without_the_password",
        ),
    ),
    Case(
        "Security",
        "A password written into NEO4J_URI",
        2,
        SURVIVED,
        "refused with one `Error:` line that shows the URI as `bolt://***@host` and says to "
        "use NEO4J_USERNAME and NEO4J_PASSWORD; the password is printed nowhere",
        (S + "test_password_inside_the_uri_is_not_printed",),
    ),
)
