; StudioDesk 工作室台账 — the Windows installer (Inno Setup 6).
;
; It cannot be built on Linux (Inno Setup's compiler is a Windows program), so .ci/run does
; not build it. On Windows, after the PyInstaller build (dist\studiodesk\):
;
;   bash packaging/build.sh      (Git Bash; runs iscc itself when Inno Setup is on PATH)
;   iscc /DAppVersion=0.1.0 packaging\installer.iss
;
; The version always comes from the build (pyproject.toml's, the one place it is written);
; the script has none of its own. Output: dist\StudioDesk-<version>-setup.exe.
;
; - Per user: no administrator rights asked, installed to
;   %LOCALAPPDATA%\Programs\StudioDesk, with a Start-menu entry (and a desktop icon).
; - The user's data is NOT in the install folder. The program keeps its databases,
;   evidence files, signing key, backups, settings and logs in the platformdirs user
;   folders (%LOCALAPPDATA%\StudioDesk, or the data folder chosen in Settings), which this
;   installer never writes to and the uninstaller never deletes: uninstalling, or
;   installing a new version over an old one, keeps every record.
; - The installer is in Simplified Chinese when Inno Setup has ChineseSimplified.isl
;   (official from Inno Setup 6.5; for older versions put the translation beside this
;   script), otherwise in English.
;
; This file is UTF-8 with a byte-order mark: Inno Setup reads it as UTF-8 only with one.

#ifndef AppVersion
  #error Pass the version from the build: iscc /DAppVersion=X.Y.Z packaging\installer.iss
#endif

#define AppName "StudioDesk"
#define AppTitle "StudioDesk 工作室台账"
#define AppExe "studiodesk.exe"
#define BundleDir "..\dist\studiodesk"

#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #pragma message "ChineseSimplified.isl not found: the installer will be in English only"
#endif

[Setup]
; The AppId ties every version together (upgrades, one uninstall entry): never change it.
AppId={{4FE09B93-0087-4DD5-A556-3810188BED83}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher={#AppName}
VersionInfoProductName={#AppTitle}
VersionInfoProductTextVersion={#AppVersion}
; Per-user install: no UAC prompt, nothing outside the user's own folders.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=yes
DefaultGroupName={#AppTitle}
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
; A running StudioDesk is asked to close (it saves and backs up on exit) before files
; are replaced.
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppTitle}
SetupLogging=yes

[Languages]
#ifdef ChineseMessages
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#ifdef ChineseMessages
chinesesimplified.DataKept=StudioDesk 已卸载。%n%n您的数据（数据库、证明材料、备份和设置）保存在%n%1%n卸载不会删除它们；重新安装后即可继续使用。
#endif
english.DataKept=StudioDesk has been removed.%n%nYour data (databases, evidence files, backups and settings) is kept in%n%1%nUninstalling never deletes it; install StudioDesk again to go on using it.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous version's program files only (PyInstaller's _internal folder), so that
; nothing stale is left beside the new ones. Never the user's data, which is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole PyInstaller one-folder build: studiodesk.exe (the window), studiodesk-cli.exe
; (the command line, e.g. studiodesk-cli --self-test) and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppTitle}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes exactly the files it installed. Deleting
; folders by name could reach the user's data, which must survive an uninstall.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { Say where the data stayed (platformdirs' user data folder of "StudioDesk"). }
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\{#AppName}')]),
      mbInformation, MB_OK);
end;
