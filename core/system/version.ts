/** Kept in step with package.json by the release script; shown in the About box and system.info. */
export const APP_VERSION = '0.1.0'
