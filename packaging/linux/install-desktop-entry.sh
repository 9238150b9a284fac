#!/bin/sh
# Add 对标 to the desktop's application menu and open .duibiao files with it (for this user only).
#   ./install-desktop-entry.sh              install, pointing at the program in this folder
#   ./install-desktop-entry.sh --uninstall  remove the menu entry, the file type and the icons
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
entry="$data/applications/duibiao.desktop"
mime="$data/mime/packages/duibiao.xml"
app_icon="$data/icons/hicolor/256x256/apps/duibiao.png"
file_icon="$data/icons/hicolor/256x256/mimetypes/application-x-duibiao.png"

refresh() {
  if command -v update-mime-database >/dev/null; then update-mime-database "$data/mime"; fi
  if command -v update-desktop-database >/dev/null; then update-desktop-database "$data/applications"; fi
  if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t "$data/icons/hicolor" || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$entry" "$mime" "$app_icon" "$file_icon"
  refresh
  echo "已移除“对标”的菜单项和 .duibiao 文件关联。"
  exit 0
fi

mkdir -p "$(dirname "$entry")" "$(dirname "$mime")" "$(dirname "$app_icon")" "$(dirname "$file_icon")"
# The entry runs this folder's program; a path with spaces is quoted as the Desktop Entry spec asks.
sed "s|^Exec=duibiao |Exec=\"$here/duibiao\" |" "$here/duibiao.desktop" > "$entry"
cp "$here/duibiao-mime.xml" "$mime"
cp "$here/duibiao.png" "$app_icon"
cp "$here/duibiao.png" "$file_icon"
refresh
echo "已把“对标”加入应用程序菜单，双击 .duibiao 文件即可打开审核进度。"
