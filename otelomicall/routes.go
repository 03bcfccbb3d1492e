package otelomicall

import (
	_ "embed"
	"net/http"
	"net/url"
	"strings"
)

//go:embed routes.txt
var routesTxt string

// maxSegments bounds the segments of a route kept in a span name: past it,
// the rest of the path is "{rest}".
const maxSegments = 10

// routeSet is the known routes of the API: their templates, by number of
// segments, and the literal words of their paths.
type routeSet struct {
	templates map[int][][]string // segments; a path parameter is "{id}"
	words     map[string]bool
}

var known = parseRoutes(routesTxt)

// parseRoutes reads routes.txt: "METHOD /path" a line, ":name" for a path
// parameter, "#" for a comment. A URL on another host counts by its path.
func parseRoutes(txt string) routeSet {
	rs := routeSet{templates: map[int][][]string{}, words: map[string]bool{"": true}}
	for _, line := range strings.Split(txt, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		p := f[1]
		if u, err := url.Parse(p); err == nil && u.Host != "" {
			p = u.Path
		}
		segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
		for i, s := range segs {
			if strings.HasPrefix(s, ":") {
				segs[i] = "{id}"
			} else {
				rs.words[s] = true
			}
		}
		rs.templates[len(segs)] = append(rs.templates[len(segs)], segs)
	}
	return rs
}

// template returns route (a path, its id-like segments already "{id}")
// with every segment that is not a word of a known route made "{id}": the
// template of the known route it matches, or, for another path, its words
// of the API kept and the rest "{id}". Its values are bounded whatever the
// path holds.
func (rs routeSet) template(route string) string {
	segs := strings.Split(strings.TrimPrefix(route, "/"), "/")
	rest := len(segs) > maxSegments
	if rest {
		segs = segs[:maxSegments]
	}
	if t := rs.match(segs); t != nil && !rest {
		return "/" + strings.Join(t, "/")
	}
	out := make([]string, len(segs), len(segs)+1)
	for i, s := range segs {
		if rs.words[s] {
			out[i] = s
		} else {
			out[i] = "{id}"
		}
	}
	if rest {
		out = append(out, "{rest}")
	}
	return "/" + strings.Join(out, "/")
}

// match returns the known template segs fits (a literal where it has one,
// anything in a parameter), the one with the most literals, or nil.
func (rs routeSet) match(segs []string) []string {
	var best []string
	bestLit := -1
next:
	for _, t := range rs.templates[len(segs)] {
		lit := 0
		for i, s := range t {
			switch {
			case s == "{id}":
			case s == segs[i]:
				lit++
			default:
				continue next
			}
		}
		if lit > bestLit {
			best, bestLit = t, lit
		}
	}
	return best
}

// methods are the HTTP methods kept in span names; another is "_OTHER".
var methods = map[string]bool{http.MethodGet: true, http.MethodPost: true, http.MethodPut: true, http.MethodPatch: true,
	http.MethodDelete: true, http.MethodHead: true, http.MethodOptions: true}

// method returns m if it is a known HTTP method, else "_OTHER".
func method(m string) string {
	if methods[m] {
		return m
	}
	return "_OTHER"
}
