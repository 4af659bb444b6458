#!/usr/bin/env python3
"""Writes src/Jiuzhu.Web/Resources/SharedResource.en.resx from a Python dict of Chinese key -> English text.

Usage: scripts/translations.py <dict-file.py> [...]   (each file defines EN = {...}); existing entries are kept
unless a file gives a new text. The resx stays sorted by key so diffs are small.
"""
import sys
import runpy
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

path = "src/Jiuzhu.Web/Resources/SharedResource.en.resx"
entries = {}
try:
    for data in ET.parse(path).getroot().findall("data"):
        entries[data.get("name")] = data.find("value").text or ""
except (FileNotFoundError, ET.ParseError):
    pass
for f in sys.argv[1:]:
    entries.update(runpy.run_path(f)["EN"])

header = """<?xml version="1.0" encoding="utf-8"?>
<!-- English texts of the UI; the keys are the Chinese texts (docs/adr/0003). Regenerate with scripts/translations.py. -->
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
with open(path, "w", encoding="utf-8") as out:
    out.write(header)
    for key in sorted(entries):
        out.write(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(entries[key])}</value></data>\n')
    out.write("</root>\n")
print(f"{len(entries)} entries written to {path}")
