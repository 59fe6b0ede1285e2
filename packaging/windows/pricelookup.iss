; Price Lookup: Windows installer (Inno Setup 6.3 or later).
;
; Built by packaging\windows\build.ps1, which first makes the PyInstaller bundle
; dist\pricelookup\ and then runs:
;   ISCC.exe /Qp /DAppVersion=0.1.0 /DNumericVersion=0.1.0 /DSourceDir=<repo>\dist\pricelookup
;            [/DIconFile=<repo>\build\icons\pricelookup.ico] /O<repo>\dist packaging\windows\pricelookup.iss
; Output: dist\PriceLookup-Setup-<version>.exe
;
; What it does for the colleague who runs it:
;   * installs for the current user only, without administrator rights and without a
;     UAC prompt (PrivilegesRequired=lowest): into %LOCALAPPDATA%\Programs\Price Lookup
;     ({autopf} is {userpf} in this mode) and registry keys under HKCU (HKA);
;   * a Start-menu entry "Price Lookup" (+ an optional desktop icon);
;   * optionally offers Price Lookup in Explorer's "Open with" for spreadsheets
;     (never takes over the default program of .xlsx/.csv);
;   * an uninstaller, listed in Settings > Apps; it removes the program and the
;     registry keys, and keeps the user's settings, run journal and logs
;     (%LOCALAPPDATA%\pricelookup), which other versions reuse.
; An upgrade is simply running a newer Setup: same AppId, same folder.
;
; Checked against the Inno Setup documentation (jrsoftware.org/ishelp), see packaging\README.md.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (packaging\windows\build.ps1 does)
#endif
#ifndef NumericVersion
  #define NumericVersion AppVersion
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\pricelookup"
#endif
#define AppName "Price Lookup"
#define GuiExe "pricelookup-gui.exe"
#define CliExe "pricelookup.exe"
#define ProgId "PriceLookup.Spreadsheet"

[Setup]
; NEVER change AppId: Setup finds the installed copy (upgrade in place, one uninstaller)
; by it. The leading "{{" is Inno's escape for a literal "{".
AppId={{81E65BA1-DC85-444C-B514-3B6F671F3F19}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
; Per-user, no admin: Setup never asks for elevation and runs in non administrative
; install mode, where {autopf} = {userpf} and HKA = HKCU.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
; The bundle is 64-bit only (Python, Qt 6, polars); Qt 6 needs Windows 10 1809 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=PriceLookup-Setup-{#AppVersion}
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#GuiExe}
; Refresh Explorer's associations after (un)installing the "Open with" entries.
ChangesAssociations=yes
; Offer to close a running Price Lookup before replacing its files (Restart Manager).
CloseApplications=yes
#ifdef IconFile
SetupIconFile={#IconFile}
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.OpenWithTask=Offer {#AppName} in "Open with" for spreadsheets (xlsx, xls, ods, csv)
fr.OpenWithTask=Proposer {#AppName} dans « Ouvrir avec » pour les classeurs (xlsx, xls, ods, csv)
en.SpreadsheetType=Spreadsheet for {#AppName}
fr.SpreadsheetType=Classeur pour {#AppName}
en.AppComment=Check product codes and look up market prices
fr.AppComment=Vérifier des codes produits et rechercher les prix du marché

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "openwith"; Description: "{cm:OpenWithTask}"

[InstallDelete]
; The bundle is replaced as a whole: files a previous version had and this one has not
; (a Qt plugin, a DLL) must not linger next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\{#GuiExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#SourceDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#SourceDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; {autoprograms} = the user's Start-menu Programs folder in this install mode.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; "Open with" only: a ProgID of our own, listed under each extension's OpenWithProgids,
; and the application's SupportedTypes. The user's default programs are not touched.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:SpreadsheetType}"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.xlsm\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.xlsb\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.xls\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.ods\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.csv\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.tsv\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsm"; ValueData: ""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsb"; ValueData: ""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".xls"; ValueData: ""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".ods"; ValueData: ""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".csv"; ValueData: ""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".tsv"; ValueData: ""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""; Tasks: openwith

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
