<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ExportDone</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="130"/>
        <source>Saved {name} (%Ln row(s)).</source>
        <translation>
            <numerusform>Saved {name} (%Ln row).</numerusform>
            <numerusform>Saved {name} (%Ln rows).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="136"/>
        <source>%Ln link(s) written as plain text: Excel allows about 65,000 links per sheet.</source>
        <translation>
            <numerusform>%Ln link written as plain text: Excel allows about 65,000 links per sheet.</numerusform>
            <numerusform>%Ln links written as plain text: Excel allows about 65,000 links per sheet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="139"/>
        <source>%Ln very long text(s) cut to Excel&apos;s cell limit.</source>
        <translation>
            <numerusform>%Ln very long text cut to Excel&apos;s cell limit.</numerusform>
            <numerusform>%Ln very long texts cut to Excel&apos;s cell limit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileDrop</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="42"/>
        <source>%Ln item(s) dropped. Price Lookup works on one spreadsheet at a time: drop just one file.</source>
        <extracomment>what the reader understands (the same list as `pricelookup validate`) the filter string of the Open dialog</extracomment>
        <translation>
            <numerusform>%Ln item dropped. Price Lookup works on one spreadsheet at a time: drop just one file.</numerusform>
            <numerusform>%Ln items dropped. Price Lookup works on one spreadsheet at a time: drop just one file.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="533"/>
        <source>%Ln row(s) read</source>
        <translation>
            <numerusform>%Ln row read</numerusform>
            <numerusform>%Ln rows read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="534"/>
        <source>%Ln distinct code(s) to look up</source>
        <translation>
            <numerusform>%Ln distinct code to look up</numerusform>
            <numerusform>%Ln distinct codes to look up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="537"/>
        <source>Tick “Problems only” to see the %Ln row(s) that need a look.</source>
        <translation>
            <numerusform>Tick “Problems only” to see the %Ln row that needs a look.</numerusform>
            <numerusform>Tick “Problems only” to see the %Ln rows that need a look.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="704"/>
        <source>Imported your Snipcart catalogue: %Ln product(s).</source>
        <translation>
            <numerusform>Imported your Snipcart catalogue: %Ln product.</numerusform>
            <numerusform>Imported your Snipcart catalogue: %Ln products.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="924"/>
        <source>%Ln row(s) changed since the earlier run over these codes: tick “Changed only” to see them.</source>
        <translation>
            <numerusform>%Ln row changed since the earlier run over these codes: tick “Changed only” to see it.</numerusform>
            <numerusform>%Ln rows changed since the earlier run over these codes: tick “Changed only” to see them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="932"/>
        <source>%Ln found</source>
        <translation>
            <numerusform>%Ln found</numerusform>
            <numerusform>%Ln found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="933"/>
        <source>%Ln not found or failed</source>
        <translation>
            <numerusform>%Ln not found or failed</numerusform>
            <numerusform>%Ln not found or failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="934"/>
        <source>%Ln credit(s) used</source>
        <translation>
            <numerusform>%Ln credit used</numerusform>
            <numerusform>%Ln credits used</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="935"/>
        <source>%Ln from recent runs (free)</source>
        <translation>
            <numerusform>%Ln from recent runs (free)</numerusform>
            <numerusform>%Ln from recent runs (free)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfficiscanPanel</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="147"/>
        <source> day(s)</source>
        <comment>history length unit</comment>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PriceApiPanel</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="90"/>
        <source> credit(s)</source>
        <comment>budget unit</comment>
        <translation>
            <numerusform> credit</numerusform>
            <numerusform> credits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductView</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="44"/>
        <source>%Ln offer(s)</source>
        <translation>
            <numerusform>%Ln offer</numerusform>
            <numerusform>%Ln offers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="48"/>
        <source>%Ln review(s)</source>
        <translation>
            <numerusform>%Ln review</numerusform>
            <numerusform>%Ln reviews</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="237"/>
        <source>%Ln credit(s)</source>
        <translation>
            <numerusform>%Ln credit</numerusform>
            <numerusform>%Ln credits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="238"/>
        <source>%Ln code(s) to look up</source>
        <translation>
            <numerusform>%Ln code to look up</numerusform>
            <numerusform>%Ln codes to look up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="251"/>
        <source>Today&apos;s remaining quota: %Ln credit(s)</source>
        <translation>
            <numerusform>Today&apos;s remaining quota: %Ln credit</numerusform>
            <numerusform>Today&apos;s remaining quota: %Ln credits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="258"/>
        <source>Your budget: %Ln credit(s)</source>
        <translation>
            <numerusform>Your budget: %Ln credit</numerusform>
            <numerusform>Your budget: %Ln credits</numerusform>
        </translation>
    </message>
</context>
</TS>
