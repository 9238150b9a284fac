; Inno Setup script: the Windows installer for 对标 (Duibiao). Run by packaging/build.py:
;   ISCC /DAppVersion=0.1.0 /DSourceDir=dist\Duibiao /DIconFile=build\icons\duibiao.ico /Odist duibiao.iss
; It installs the program folder (per user by default, no administrator needed), adds Start-menu
; and optional desktop shortcuts named 对标, and opens .duibiao review sessions with the program.
; Saved as UTF-8 with a byte-order mark, which Inno Setup needs to read the Chinese text.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\Duibiao"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\duibiao.ico"
#endif
#define ProgId "Duibiao.Session"

[Setup]
AppId={{6E4B1C52-9A0D-4E8F-B3A1-5D2C7F0E9A31}
AppName=对标
AppVersion={#AppVersion}
AppPublisher=Duibiao
AppComments=上级任务与本级措施逐项对标对表
DefaultDirName={autopf}\Duibiao
DefaultGroupName=对标
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\Duibiao.exe
UninstallDisplayName=对标 {#AppVersion}
OutputBaseFilename=Duibiao-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
; Chinese Simplified is an unofficial Inno Setup translation: the CI workflow puts it into the
; compiler's Languages folder; without it the wizard's own buttons are in English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建“对标”快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\对标"; Filename: "{app}\Duibiao.exe"; Comment: "上级任务与本级措施逐项对标对表"
Name: "{autoprograms}\对标（示例）"; Filename: "{app}\Duibiao.exe"; Parameters: "--demo"; Comment: "打开内置示例"
Name: "{autodesktop}\对标"; Filename: "{app}\Duibiao.exe"; Tasks: desktopicon

[Registry]
; .duibiao files open in the program; HKA is the machine for an administrator install, the user otherwise.
Root: HKA; Subkey: "Software\Classes\.duibiao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.duibiao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "对标审核进度"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Duibiao.exe,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Duibiao.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\Duibiao.exe\SupportedTypes"; ValueType: string; ValueName: ".duibiao"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\Duibiao.exe"; Parameters: "--demo"; Description: "打开“对标”并查看内置示例"; Flags: nowait postinstall skipifsilent
