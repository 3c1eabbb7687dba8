package pmptest

import (
	"fmt"
	"strconv"
)

// kv is one member of an ordered JSON object.
type kv struct {
	k string
	v any
}

// obj is a JSON object that keeps its members in the order given, like PMP's samples.
type obj []kv

// rowsFunc writes a JSON value directly, for list payloads built column by column.
type rowsFunc func(w *jsonWriter)

// jsonWriter encodes responses. It escapes only what JSON requires, so markup in hostile
// strings reaches the client verbatim, as it would from a server that does not escape.
type jsonWriter struct {
	buf     []byte
	hostile bool
	turn    int // rotation position of the next hostile payload
}

// value appends v. key is the member name v belongs to, which decides whether a string
// carries a hostile payload.
func (w *jsonWriter) value(key string, v any) {
	switch x := v.(type) {
	case nil:
		w.buf = append(w.buf, "null"...)
	case string:
		w.text(key, x)
	case bool:
		w.buf = strconv.AppendBool(w.buf, x)
	case int:
		w.buf = strconv.AppendInt(w.buf, int64(x), 10)
	case int64:
		w.buf = strconv.AppendInt(w.buf, x, 10)
	case []string:
		w.strings(key, x)
	case obj:
		w.object(x)
	case []obj:
		w.objects(x)
	case rowsFunc:
		x(w)
	default:
		panic(fmt.Sprintf("pmptest: cannot encode %T in %q", v, key))
	}
}

func (w *jsonWriter) text(key, s string) {
	if w.hostile && !keptStrings[key] {
		s = hostileVariant(s, w.turn)
		w.turn++
	}
	w.buf = appendJSONString(w.buf, s)
}

func (w *jsonWriter) strings(key string, list []string) {
	w.buf = append(w.buf, '[')
	for i, s := range list {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.text(key, s)
	}
	w.buf = append(w.buf, ']')
}

func (w *jsonWriter) object(o obj) {
	w.buf = append(w.buf, '{')
	for i, m := range o {
		w.member(i, m.k, m.v)
	}
	w.buf = append(w.buf, '}')
}

func (w *jsonWriter) objects(list []obj) {
	w.buf = append(w.buf, '[')
	for i, o := range list {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.object(o)
	}
	w.buf = append(w.buf, ']')
}

// member appends the i-th member of an object: a comma when needed, the key and the value.
func (w *jsonWriter) member(i int, key string, v any) {
	if i > 0 {
		w.buf = append(w.buf, ',')
	}
	w.buf = appendJSONString(w.buf, key)
	w.buf = append(w.buf, ':')
	w.value(key, v)
}

// appendJSONString appends s as a JSON string, escaping quotes, backslashes and control
// characters only.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// encode returns the JSON encoding of o.
func (s *Server) encode(o obj) []byte {
	w := &jsonWriter{hostile: s.opts.Hostile, buf: make([]byte, 0, 4096)}
	w.object(o)
	return w.buf
}
