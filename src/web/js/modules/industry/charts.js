// Industry pages: charts (docs/industry.md "Pages"). Skeleton from the lead's contract commit: the
// helper building this area replaces it with its nav entries, routes and enum kinds.
export default { nav: [], routes: [], enums: { server: [], local: {} } };
