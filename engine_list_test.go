package omicall

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedList is one paged endpoint, called through List and through All.
type pagedList struct {
	name   string
	method string
	path   string
	list   func(ctx context.Context, c *Client, p *PartnerClient, o *ListOptions) error
	all    func(ctx context.Context, c *Client, p *PartnerClient, o *ListOptions) error
}

// listErr and allErr adapt a List and an All method to pagedList.
func listErr[T any](_ *Page[T], err error) error { return err }

func allErr[T any](seq func(func(T, error) bool)) error { _, err := collect(seq); return err }

// contactOpts turns ListOptions into the contact list's options.
func contactOpts(o *ListOptions) *ContactListOptions {
	if o == nil {
		return nil
	}
	return &ContactListOptions{Page: o.Page, Size: o.Size, Keyword: o.Keyword}
}

var pagedLists = []pagedList{
	{"Agents", http.MethodGet, "/api/agent/list",
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return listErr(c.Agents.List(ctx, o))
		},
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return allErr(c.Agents.All(ctx, o))
		}},
	{"Extensions", http.MethodGet, "/api/call_center/internal_phone/list",
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return listErr(c.CallCenter.ListExtensions(ctx, o))
		},
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return allErr(c.CallCenter.AllExtensions(ctx, o))
		}},
	{"Groups", http.MethodGet, "/api/call_center/internal_group/list",
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return listErr(c.CallCenter.ListGroups(ctx, o))
		},
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return allErr(c.CallCenter.AllGroups(ctx, o))
		}},
	{"IVRScripts", http.MethodGet, "/api/call_center/key-interaction/list",
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return listErr(c.CallCenter.ListIVRScripts(ctx, o))
		},
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return allErr(c.CallCenter.AllIVRScripts(ctx, o))
		}},
	{"Greetings", http.MethodGet, "/api/call_center/greeting/list",
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return listErr(c.CallCenter.ListGreetings(ctx, o))
		},
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return allErr(c.CallCenter.AllGreetings(ctx, o))
		}},
	{"Tickets", http.MethodPost, "/api/ticket/list",
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return listErr(c.Tickets.List(ctx, o))
		},
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return allErr(c.Tickets.All(ctx, o))
		}},
	{"Contacts", http.MethodPost, "/api/contacts/list",
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return listErr(c.Contacts.List(ctx, contactOpts(o)))
		},
		func(ctx context.Context, c *Client, _ *PartnerClient, o *ListOptions) error {
			return allErr(c.Contacts.All(ctx, contactOpts(o)))
		}},
	{"PartnerTenants", http.MethodPost, "/api/partner/tenant/list",
		func(ctx context.Context, _ *Client, p *PartnerClient, o *ListOptions) error {
			return listErr(p.Tenants.List(ctx, o))
		},
		func(ctx context.Context, _ *Client, p *PartnerClient, o *ListOptions) error {
			return allErr(p.Tenants.All(ctx, o))
		}},
	{"PartnerNumbers", http.MethodGet, "/api/partner/public_number/list",
		func(ctx context.Context, _ *Client, p *PartnerClient, o *ListOptions) error {
			return listErr(p.Numbers.List(ctx, o))
		},
		func(ctx context.Context, _ *Client, p *PartnerClient, o *ListOptions) error {
			return allErr(p.Numbers.All(ctx, o))
		}},
}

const emptyPage = `{"items":[],"page_number":1,"has_next":false}`

func TestListOptionsRefusedBeforeSending(t *testing.T) {
	bad := []struct {
		opts  ListOptions
		field string
	}{
		{ListOptions{Page: -1}, "Page"},
		{ListOptions{Size: -1}, "Size"},
		{ListOptions{Size: MaxPageSize + 1}, "Size"},
	}
	for _, l := range pagedLists {
		t.Run(l.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			p, pmt := newPartnerMock(t)
			rec, prec := recordAny(t, mt, okPayload(emptyPage)), recordAny(t, pmt, okPayload(emptyPage))
			for _, b := range bad {
				opts := b.opts
				requireValidation(t, l.list(ctxT(t), c, p, &opts), b.field)
				requireValidation(t, l.all(ctxT(t), c, p, &opts), b.field)
				assert.Equal(t, b.opts, opts, "the caller's options are not changed")
			}
			assert.Zero(t, rec.count()+prec.count(), "nothing is sent")

			ok := ListOptions{Size: MaxPageSize}
			require.NoError(t, l.list(ctxT(t), c, p, &ok), "MaxPageSize itself is accepted")
		})
	}
}

func TestListDefaultsAndKeyword(t *testing.T) {
	for _, l := range pagedLists {
		t.Run(l.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			p, pmt := newPartnerMock(t)
			rec, prec := recordAny(t, mt, okPayload(emptyPage)), recordAny(t, pmt, okPayload(emptyPage))
			require.NoError(t, l.list(ctxT(t), c, p, nil))
			require.NoError(t, l.all(ctxT(t), c, p, &ListOptions{Page: 3, Size: 7, Keyword: "kw"}))
			sent := append(rec.all(), prec.all()...)
			require.Len(t, sent, 2)
			defaults := url.Values{"page": {"1"}, "size": {strconv.Itoa(DefaultPageSize)}}
			for i, want := range []url.Values{defaults, {"page": {"3"}, "size": {"7"}}} {
				assert.Equal(t, l.method, sent[i].Method)
				assert.Equal(t, l.path, sent[i].Path)
				if l.method == http.MethodGet {
					if i == 1 {
						want.Set("keyword", "kw")
					}
					assert.Equal(t, want, sent[i].Query)
					assert.Empty(t, sent[i].Body)
					continue
				}
				assert.Equal(t, want, sent[i].Query)
				assert.JSONEq(t, []string{`{}`, `{"keyword":"kw"}`}[i], string(sent[i].Body))
			}
		})
	}
}

func TestListPOSTIsRetried(t *testing.T) {
	for _, l := range pagedLists {
		if l.method != http.MethodPost {
			continue
		}
		t.Run(l.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			p, pmt := newPartnerMock(t)
			busy := failStatus(http.StatusServiceUnavailable, "busy")
			rec, prec := recordAny(t, mt, busy, okPayload(emptyPage)), recordAny(t, pmt, busy, okPayload(emptyPage))
			require.NoError(t, l.list(ctxT(t), c, p, nil))
			assert.Equal(t, 2, rec.count()+prec.count(), "a read-only list POST is retried")
		})
	}
}

// setPage sets page and size when they are positive, on the values given
// or on new ones.
func TestSetPage(t *testing.T) {
	assert.Equal(t, url.Values{}, setPage(nil, 0, 0))
	assert.Equal(t, url.Values{"page": {"2"}, "size": {"30"}}, setPage(nil, 2, 30))
	q := url.Values{"keyword": {"k"}, "page": {"9"}}
	assert.Equal(t, url.Values{"keyword": {"k"}, "page": {"3"}}, setPage(q, 3, -1))
	assert.Equal(t, "3", q.Get("page"), "the values given are changed in place")
}
