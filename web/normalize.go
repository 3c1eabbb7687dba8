package web

import (
	"net/http"

	"github.com/labstack/echo/v4/middleware"
)

// normalizeRequests redirects paths with a trailing slash to the path without it.
func (s *Server) normalizeRequests() {
	s.echo.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{
		RedirectCode: http.StatusMovedPermanently,
	}))
}

// headAsGet routes HEAD requests to the GET handlers, as uptime monitors expect. Echo
// routes on the request it is given, so the clone with the GET method goes to Echo, while
// net/http still holds the original HEAD request and so sends no body.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			get := r.Clone(r.Context())
			get.Method = http.MethodGet
			r = get
		}
		next.ServeHTTP(w, r)
	})
}
