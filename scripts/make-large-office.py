#!/usr/bin/env python3
"""Writes the large Office files of the scanner's memory benchmark (docs/benchmarks.md).

  make-large-office.py docx OUT.docx [MB]   one document.xml of random Chinese paragraphs (~31 MB compressed by default)
  make-large-office.py xlsx OUT.xlsx [MB]   one sheet whose cells all point into a large shared-strings table (~38 MB)

The text is random CJK so that it hardly compresses (the file on disk is about the size asked for); one resident ID
number sits at the start and one at the end, to show whether the end was scanned.
"""
import random
import sys
import zipfile

ID = "11010519491231002X"
CJK = [chr(c) for c in range(0x4E00, 0x9FA5)]


def text(rng, n):
    return "".join(rng.choices(CJK, k=n))


def docx(path, megabytes):
    rng = random.Random(31)
    target = megabytes * 1024 * 1024 * 1.4  # random CJK deflates to about 71 % of its UTF-8 size
    body, size = [], 0
    body.append(f"<w:p><w:r><w:t>身份证号 {ID}</w:t></w:r></w:p>")
    while size < target:
        para = f"<w:p><w:r><w:t>{text(rng, 400)}</w:t></w:r></w:p>"
        body.append(para)
        size += len(para.encode())
    body.append(f"<w:p><w:r><w:t>身份证号 {ID}</w:t></w:r></w:p>")
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + "".join(body) + "</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", document)


def xlsx(path, megabytes):
    rng = random.Random(38)
    target = megabytes * 1024 * 1024 * 1.43
    strings, size = [f"身份证号 {ID}"], 0
    while size < target:
        s = text(rng, 60)
        strings.append(s)
        size += len(s.encode()) + 15
    strings.append(f"身份证号 {ID}")
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    rows = []
    for i in range(len(strings)):
        r, c = divmod(i, 10)
        if c == 0:
            rows.append(f'</row><row r="{r + 1}">' if rows else f'<row r="{r + 1}">')
        rows.append(f'<c r="{chr(65 + c)}{r + 1}" t="s"><v>{i}</v></c>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(rows) + "</row></sheetData></worksheet>")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}">'
                   '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", sst)


if __name__ == "__main__":
    kind, out = sys.argv[1], sys.argv[2]
    size = float(sys.argv[3]) if len(sys.argv) > 3 else (31 if kind == "docx" else 38)
    {"docx": docx, "xlsx": xlsx}[kind](out, size)
