// Package pmptest simulates the REST API of a ManageEngine Patch Manager Plus (PMP) server
// over real HTTP, for demo mode, contract tests and benchmarks. It speaks raw JSON and does
// not depend on the patchdesk client.
//
// # Wire format
//
// Every endpoint is served under both /api/1.3/ and /api/1.4/. Successful calls return
// {"message_type", "message_response", "message_version", "status":"success"}; lists carry
// total, and limit and page except on allpatches, allpatchdetails and systemreport, whose
// samples show only total. Errors come back as HTTP 200 with "status":"error" and a string
// error_code:
//
//	10001  wrong user, password, domain or auth_type, or a locked account
//	10002  missing, unknown or expired token (sent raw in the Authorization header)
//	10003  missing or malformed parameter: page, pagelimit, search column, orderby,
//	       sortorder, a numeric filter, resid, patchid, a sign-in field
//	19999  FaultUnknownError
//
// A wrong or expired OTP returns Options.OTPErrorCode (default 10001). Unknown paths get an
// HTML 404 page and wrong methods HTTP 405.
//
// Lists take page (1-based), pagelimit (default 25, values above 1000 count as 1000),
// searchtype+searchcolumn+searchvalue (all three, case-insensitive substring match on the
// column's text, numbers as digits), orderby and sortorder (ASC or DESC, stable). The
// default order is resource_id for computer lists and patch_id, which follows release
// order, for patch lists. Filter names are case-insensitive. A filter value that names
// nothing (an unknown domain, health 9) gives an empty list; a malformed number is 10003.
//
// # Sign-in
//
// desktop/authentication accepts the 1.3 GET form, the 1.4 POST JSON form and a POST with
// the fields in the query string. The password is base64 (standard, padded) over UTF-8.
// Five wrong passwords in a row lock the account for 15 minutes. See Accounts for the demo
// users, including two-factor users whose OTP goes to Options.OnOTP. AdvanceClock moves the
// clock that OTP expiry and lock-outs use.
//
// # Estate
//
// The estate is generated from Options.Seed and Options.Now: computers in the CORP and ENG
// domains and WORKGROUP, at the Local Office and three branches, mostly Windows with some
// Mac and Linux, and a catalogue of patches from Microsoft, Google, Mozilla, Adobe, Oracle,
// Apple, Canonical, Red Hat and other vendors. A patch applies to a computer when the
// computer has had a successful scan, the patch targets its OS family (and an installed
// application, for application patches) and was released before that scan. Each applicable
// pair has exactly one status: 201 installed, 202 missing or 206 failed. "Not installed"
// below means missing or failed. Third-party counts (*_tp_patches) cover patches whose
// update_name is "Third Party Updates"; the *_ms_patches counts cover all others, including
// Apple and Linux distribution updates.
//
// # Invariants
//
// Every number agrees across endpoints; the package tests check each rule over HTTP.
//
//  1. allsystems: critical, important, moderate, low and unrated_patch_count add up to
//     missing_ms_patches + missing_tp_patches, and each is the number of not-installed
//     patches of that severity in the computer's systemreport.
//  2. allsystems: total_ms = installed_ms + missing_ms and total_tp = installed_tp +
//     missing_tp; their sum is the systemreport total, and installed_ms + installed_tp is
//     the number of systemreport rows with status 201.
//  3. resource_health_status is 3 when any critical, important, moderate or low count
//     exceeds its patch/healthpolicy highly_vulnerable threshold, else 2 when any exceeds
//     its vulnerable threshold, else 1. A computer without a successful scan
//     (last_successful_scan -1) has health 0 and zero counts.
//  4. allpatches: installed, missing and failed equal the allpatchdetails rows of that
//     patch with status 201, 202 and 206.
//  5. Over all patches, the sum of installed equals the sum of installed_ms + installed_tp
//     over allsystems, and the sum of missing + failed equals the sum of missing_ms +
//     missing_tp. Per severity, missing + failed summed over the patches of that severity
//     equals the sum of the matching *_patch_count column.
//  6. With domainfilter, branchofficefilter or customgroupfilter, allpatches counts only
//     the computers in that scope, so rule 5 holds between the filtered lists as well.
//  7. patch/summary: applicable_patches = allpatches total = installed_patches +
//     missing_patches. missing_patches counts patches not installed on at least one
//     computer (allpatches?patchstatusfilter=202), equals total_count and the sum of the
//     severity counts, and each severity count equals that list filtered by severityfilter.
//     installed_patches equals allpatches?patchstatusfilter=201. new_patches counts
//     applicable patches released within 30 days before Options.Now.
//  8. total_systems equals the totals of allsystems, scandetails and som/computers; the four
//     health counts equal allsystems?healthfilter=N and add up to total_systems.
//  9. patch_scan_summary: unscanned_system_count counts scan_status 229,
//     scan_success_count 228, scan_failure_count 226, and scanned_systems all but 229.
//  10. som/summary: each installation count equals som/computers?installstatusfilter=N;
//     total also includes status 24 (yet to uninstall), which has no field of its own.
//     live_status_summary equals livestatusfilter=N, and the last-contact buckets (up to
//     3, 7, 15 and 30 days before Options.Now, and older) add up to the computers whose
//     agent_last_contact_time is not -1.
//  11. allsystems, scandetails and som/computers list the same computers in the same order
//     with the same health, live, scan and installation states.
//
// # Test hooks
//
// SetFault injects failures per endpoint, ExpireTokens invalidates every token, Token
// returns the latest token of a user so tests can search logs for it, and Requests returns
// the last 1000 requests with secrets redacted. Options.Hostile appends XSS, template,
// long, right-to-left and non-ASCII payloads to every free-text string, while ids, codes
// and enumerations stay valid and filters accept the names as shown.
//
// Storage is compact: computers share per-profile lists of applicable patches, and only
// missing and failed patch indexes are stored per computer. BenchmarkBuildEstate builds
// 100,000 computers in about 0.5 s and 25 MiB of heap on a 2.8 GHz Xeon core.
package pmptest
