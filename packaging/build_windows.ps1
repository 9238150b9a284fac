# Build the Windows program folder dist\Duibiao\, dist\Duibiao-<version>-windows-x64.zip and, when
# Inno Setup 6 is installed, the installer dist\Duibiao-<version>-setup.exe.
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1 [-Python C:\path\to\python.exe]
# Then `.venv\Scripts\python packaging\smoke_test.py` checks the result.
param([string]$Python = "")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if ($Python) { & $Python -m venv .venv } else { py -3.11 -m venv .venv }
if ($LASTEXITCODE) { exit $LASTEXITCODE }
.venv\Scripts\python -m pip install -q -e ".[package]"
if ($LASTEXITCODE) { exit $LASTEXITCODE }
.venv\Scripts\python packaging\build.py
exit $LASTEXITCODE
