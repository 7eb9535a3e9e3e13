// HTTP routes of the rectification ledgers (整改台账; docs/api.md "Rectification"):
//   GET/POST /api/v1/inspections, GET /api/v1/inspections/{id} (its findings with state and clock),
//   POST /api/v1/inspections/{id}/findings, POST /api/v1/inspections/{id}/findings/import
//   (the 问题清单 spreadsheet; ?dry_run=true), GET /api/v1/inspections/{id}/ledger.xlsx,
//   GET /api/v1/findings?township=&state=&overdue=&inspection_id=, GET /api/v1/findings/summary,
//   GET/PATCH /api/v1/findings/{id}, POST /api/v1/findings/{id}/transitions.
// Each handler parses, calls one RectificationService method, maps the result. The service is
// built per request over the worker's connection (docs/modules.md "Services").
#pragma once

namespace anju::http {
class Router;
}

namespace anju::rectification {

void AddRoutes(http::Router& r);

}  // namespace anju::rectification
