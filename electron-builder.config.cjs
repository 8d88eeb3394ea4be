/**
 * Installers for the offices' machines: Windows (NSIS, Chinese, per-user or per-machine) and the domestic Linux
 * desktops (统信 UOS, 麒麟 Kylin: deb and AppImage), x64 and arm64. `npm run dist` builds those of the current platform.
 *
 * The update feed is the district hub's `/updates/` folder (electron-updater, generic provider). Set it when
 * building: RESERVE_UPDATE_URL=https://<hub>/updates/ npm run dist — the URL goes into app-update.yml.
 */
const fs = require('node:fs')
const path = require('node:path')
const pkg = require('./package.json')

const updateUrl = process.env.RESERVE_UPDATE_URL || 'https://localhost:5180/updates/'

/** This version's section of CHANGELOG.md, shown by the updater before it asks to install. */
function releaseNotes(version) {
  const text = fs.readFileSync(path.join(__dirname, 'CHANGELOG.md'), 'utf8')
  const m = text.match(new RegExp(`^## ${version.replace(/\./g, '\\.')}[^\\n]*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm'))
  if (!m) throw new Error(`CHANGELOG.md has no section for ${version}`)
  return m[1].trim()
}

module.exports = {
  appId: 'cn.songjiang.reserve-network',
  productName: '应急物资储备网络',
  executableName: 'reserve-network',
  copyright: '松江区应急物资储备网络',
  directories: { output: 'dist', buildResources: 'resources/build' },
  // Only what the desktop app runs: the bundles, the migrations, the reference data. Runtime dependencies come
  // from package.json "dependencies" (renderer libraries are bundled by vite and stay devDependencies).
  files: [
    'out/main/**', 'out/preload/**', 'out/renderer/**',
    'db/migrations/**',
    'resources/**', '!resources/build/**', '!resources/**/*.ts',
    'package.json',
    // better-sqlite3's C sources and build leftovers are not needed at run time
    '!**/node_modules/better-sqlite3/{deps,src,build/Release/obj,build/Release/obj.target,build/deps}/**',
    '!**/node_modules/better-sqlite3/build/Release/test_extension.node',
  ],
  asarUnpack: ['**/node_modules/better-sqlite3/**'],
  icon: 'resources/icon.png',
  releaseInfo: { releaseNotes: releaseNotes(pkg.version) },
  publish: [{ provider: 'generic', url: updateUrl, channel: 'latest' }],
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    artifactName: 'reserve-network-${version}-setup-${arch}.${ext}',
  },
  nsis: {
    oneClick: false,
    perMachine: false, // the installer asks: for this user only, or for everyone on the machine (admin)
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['zh_CN'],
    language: '2052',
    multiLanguageInstaller: false,
    shortcutName: '应急物资储备网络',
    uninstallDisplayName: '应急物资储备网络',
    deleteAppDataOnUninstall: false, // the ledger is public property: uninstalling never deletes the data
  },
  linux: {
    target: [{ target: 'deb', arch: ['x64', 'arm64'] }, { target: 'AppImage', arch: ['x64', 'arm64'] }],
    category: 'Office',
    synopsis: '应急物资储备网络 — 区—街镇—社区三级应急物资储备管理',
    maintainer: '应急物资储备网络项目组 <noreply@localhost>',
    artifactName: 'reserve-network-${version}-${arch}.${ext}',
    desktop: { entry: { Name: '应急物资储备网络', 'Name[zh_CN]': '应急物资储备网络', Comment: '应急物资储备管理' } },
  },
  deb: { depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'] },
}
