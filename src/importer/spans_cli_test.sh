#!/usr/bin/env bash
# Issue #12, item 8: small files of absurd spans and merges are refused at once, in bounded
# memory, by the real binary (`anju import --dry-run`):
#   - the issue's 162 KB HTML table saved as .xls, every cell rowspan = colspan = 1000
#     (91 s and 19.8 GB before): refused naming the cell, the span and the 16,384-column limit;
#   - its 762-byte sibling: read (spans clipped to the table's 4 rows); it has no header row;
#   - HTML spans covering more than 20,000,000 cells within 16,384 columns: refused;
#   - an xlsx with <mergeCell ref="A1:XFD1048576"/> (17,179,869,184 cells): refused.
# Every run is capped at 1 GiB of address space and 60 s (prlimit, timeout): code that
# expands spans cell by cell fails here (out of memory or timed out: exit ≠ 1, no message)
# instead of taking the machine down. The files are generated here, not committed.
# Usage: spans_cli_test.sh ANJU_BINARY SOURCE_DIR
set -u
anju="$1"; src="$2"
fail=0; pass=0
. "$src/tests/check.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
capped() { prlimit --as=$((1024 * 1024 * 1024)) -- timeout 60 "$@"; }

# span_table ROWS COLS SPAN: the issue's file (an HTML table, every cell rowspan = colspan = SPAN).
span_table() {
  printf '<html><head><meta charset="utf-8"></head><body><table>\n'
  for ((r = 0; r < $1; r++)); do
    printf '<tr>'; for ((c = 0; c < $2; c++)); do printf '<td rowspan="%s" colspan="%s">x</td>' "$3" "$3"; done; printf '</tr>\n'
  done
  printf '</table></body></html>\n'
}
span_table 64 64 1000 >"$tmp/spans162k.xls"
span_table 4 4 1000 >"$tmp/spans762.xls"
same() { if [[ "$1" != "$2" ]]; then echo "FAIL $3: '$1' != '$2'"; fail=$((fail+1)); else pass=$((pass+1)); fi; }
same "$(stat -c %s "$tmp/spans162k.xls")" 164558 "size of the 162 KB file"
same "$(stat -c %s "$tmp/spans762.xls")" 758 "size of the 762-byte file"
{
  printf '<table><tr>'; for ((c = 0; c < 16; c++)); do printf '<td rowspan="65534" colspan="1000">h</td>'; done; printf '</tr>\n'
  for ((r = 0; r < 1300; r++)); do printf '<tr><td>x</td></tr>\n'; done; printf '</table>\n'
} >"$tmp/tall.xls"
python3 - "$tmp/whole.xlsx" <<'EOF'
import sys, zipfile
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('_rels/.rels', f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', f'<worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row></sheetData>'
               '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')
EOF

check init 0 "$anju" init --db "$tmp/t.db"
check html-162k 1 capped "$anju" import --db "$tmp/t.db" --dry-run --quiet "$tmp/spans162k.xls"
contains "cell WQK1 (rowspan 1000, colspan 1000)"; contains "16,384 columns"; contains "unmerge the cells"
check html-762 1 capped "$anju" import --db "$tmp/t.db" --dry-run --quiet "$tmp/spans762.xls"
contains "sheet 'spans762.xls': skipped (no header row)"; lacks "rowspan"
check html-tall 1 capped "$anju" import --db "$tmp/t.db" --dry-run --quiet "$tmp/tall.xls"
contains "cover 20,016,000 cells by row 1251"; contains "at most 20,000,000"
check xlsx-whole 1 capped "$anju" import --db "$tmp/t.db" --dry-run --quiet "$tmp/whole.xlsx"
contains "sheet '花名册': the merged range A1:XFD1048576 covers 17,179,869,184 cells"; contains "合并单元格"

echo "spans_cli_test: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
