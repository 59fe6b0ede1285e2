# Build the Windows installer of Price Lookup: dist\PriceLookup-Setup-<version>.exe
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Python py] [-Verify]
#
# Prerequisites (on a 64-bit Windows 10/11 build machine; PyInstaller does not cross-compile):
#   * Python 3.11 or later, 64-bit, from python.org (the "py" launcher), with internet access to PyPI
#   * Inno Setup 6.3 or later (winget install JRSoftware.InnoSetup), ISCC.exe on PATH or in its default folder
#
# Steps:
#   1. a build venv in build\venv-win with the app's runtime dependencies and PyInstaller;
#   2. the icon: resources\icons\pricelookup.ico if the GUI work ships one, else
#      packaging\make_icons.py renders build\icons\pricelookup.ico from the SVG;
#   3. PyInstaller on packaging\pricelookup.spec -> dist\pricelookup\ (pricelookup.exe, pricelookup-gui.exe);
#   4. a check that the frozen pricelookup.exe answers --version;
#   5. ISCC on packaging\windows\pricelookup.iss -> dist\PriceLookup-Setup-<version>.exe;
#   6. with -Verify: a silent per-user install, --version and validate on a sample from the
#      installed copy, then a silent uninstall.
# This file is ASCII only on purpose: Windows PowerShell 5.1 reads scripts without a BOM as ANSI.

[CmdletBinding()]
param(
    [string]$Python = "py",
    [switch]$Verify
)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

function Say([string]$Message) { Write-Host "[build.ps1] $Message" }
function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    # Native commands do not throw on failure in PowerShell: check the exit code ourselves.
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root
$Dist = Join-Path $Root "dist"
$Work = Join-Path $Root "build\pyinstaller"
$env:PYINSTALLER_CONFIG_DIR = Join-Path $Work "cache"   # keep PyInstaller's cache under build\

# Version: pricelookup.__version__, as the spec reads it.
$VersionLine = Select-String -Path (Join-Path $Root "desktop\pricelookup\__init__.py") -Pattern '^__version__\s*=\s*"([^"]+)"'
if (-not $VersionLine) { throw "no __version__ in desktop\pricelookup\__init__.py" }
$Version = $VersionLine.Matches[0].Groups[1].Value
# Windows version resources want up to four numbers: 0.1.0rc1 -> 0.1.0
$NumericVersion = ([regex]::Match($Version, '^\d+(\.\d+){0,3}')).Value
Say "Price Lookup $Version"

# 1. build venv
$Venv = Join-Path $Root "build\venv-win"
$VenvPy = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPy)) {
    Say "creating $Venv"
    if ($Python -eq "py") { Invoke-Checked "py" @("-3", "-m", "venv", $Venv) } else { Invoke-Checked $Python @("-m", "venv", $Venv) }
}
Invoke-Checked $VenvPy @("-m", "pip", "install", "--disable-pip-version-check", "-q", "--upgrade", "pip")
Invoke-Checked $VenvPy @("-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[package]")

# 2. icon
$Ico = Join-Path $Root "resources\icons\pricelookup.ico"
if (-not (Test-Path $Ico)) {
    $Ico = Join-Path $Root "build\icons\pricelookup.ico"
    Invoke-Checked $VenvPy @("packaging\make_icons.py", "--ico", $Ico)
}

# 3. PyInstaller (one-folder bundle with both executables)
Say "PyInstaller -> dist\pricelookup\"
Invoke-Checked $VenvPy @("-m", "PyInstaller", "--noconfirm", "--distpath", $Dist, "--workpath", (Join-Path $Work "work"), "packaging\pricelookup.spec")

# 4. the frozen console executable answers
$Bundle = Join-Path $Dist "pricelookup"
foreach ($exe in @("pricelookup.exe", "pricelookup-gui.exe")) {
    if (-not (Test-Path (Join-Path $Bundle $exe))) { throw "dist\pricelookup\$exe is missing" }
}
$Got = (& (Join-Path $Bundle "pricelookup.exe") --version) | Out-String
if ($Got.Trim() -ne "pricelookup $Version") { throw "frozen --version said '$($Got.Trim())', expected 'pricelookup $Version'" }
$BundleMB = [math]::Round(((Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum) / 1e6, 1)
Say "bundle: $BundleMB MB"

# 5. Inno Setup
$IsccCommand = Get-Command "ISCC.exe" -ErrorAction SilentlyContinue
$Iscc = if ($IsccCommand) { $IsccCommand.Source } else { $null }
if (-not $Iscc) {
    $Candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    )
    $Iscc = $Candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
}
if (-not $Iscc) { throw "ISCC.exe not found: install Inno Setup 6.3+ (winget install JRSoftware.InnoSetup)" }
$IsccArgs = @("/Qp", "/DAppVersion=$Version", "/DNumericVersion=$NumericVersion", "/DSourceDir=$Bundle", "/O$Dist")
if (Test-Path $Ico) { $IsccArgs += "/DIconFile=$Ico" }
$IsccArgs += (Join-Path $Root "packaging\windows\pricelookup.iss")
Say "ISCC -> dist\PriceLookup-Setup-$Version.exe"
Invoke-Checked $Iscc $IsccArgs
$Setup = Join-Path $Dist "PriceLookup-Setup-$Version.exe"
if (-not (Test-Path $Setup)) { throw "ISCC did not write $Setup" }
Say ("installer: {0} ({1} MB)" -f $Setup, [math]::Round((Get-Item $Setup).Length / 1e6, 1))

# 6. optional: install for this user, use it, uninstall
if ($Verify) {
    $AppDir = Join-Path $env:LOCALAPPDATA "Programs\Price Lookup"
    Say "silent install into $AppDir"
    $p = Start-Process -FilePath $Setup -ArgumentList @("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/LOG=$Work\setup.log") -Wait -PassThru
    if ($p.ExitCode -ne 0) { throw "Setup exited $($p.ExitCode) (log: $Work\setup.log)" }
    $Cli = Join-Path $AppDir "pricelookup.exe"
    $Got = (& $Cli --version) | Out-String
    if ($Got.Trim() -ne "pricelookup $Version") { throw "installed --version said '$($Got.Trim())'" }
    $Sample = Join-Path $Root "resources\samples\products.xlsx"
    if (Test-Path $Sample) {
        $Json = (& $Cli validate $Sample --json) | Out-String
        if ($LASTEXITCODE -ne 0) { throw "installed validate exited $LASTEXITCODE" }
        $Summary = ($Json | ConvertFrom-Json).summary
        Say "installed validate: $($Summary.rows) rows, $($Summary.valid) valid"
    }
    $Start = Join-Path $env:APPDATA "Microsoft\Windows\Start Menu\Programs\Price Lookup.lnk"
    if (-not (Test-Path $Start)) { throw "no Start-menu entry at $Start" }
    $Uninstaller = Join-Path $AppDir "unins000.exe"
    $p = Start-Process -FilePath $Uninstaller -ArgumentList @("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART") -Wait -PassThru
    if ($p.ExitCode -ne 0) { throw "uninstaller exited $($p.ExitCode)" }
    Start-Sleep -Seconds 2   # the uninstaller deletes itself through a short-lived helper
    if (Test-Path $Cli) { throw "$Cli is still there after uninstalling" }
    Say "verify: installed, ran, uninstalled"
}
Say "done"
