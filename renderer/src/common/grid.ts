/**
 * AG Grid for the pages that show one. Its modules are registered here, not at start-up, so the grid's code is
 * loaded with the first page that needs it instead of slowing every start of the app.
 */
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community'

ModuleRegistry.registerModules([AllCommunityModule])

export { AgGridReact } from 'ag-grid-react'
export { themeQuartz } from 'ag-grid-community'
