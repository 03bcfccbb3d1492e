package omicall

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPartnerToken = "partner-token-SECRET-0003"

// newPartnerMock returns a partner client on httpmock (no /api/auth
// responder: a partner client must never call it).
func newPartnerMock(t *testing.T) (*PartnerClient, *httpmock.MockTransport) {
	t.Helper()
	p, err := NewPartnerClient(testPartnerToken, WithBaseURL(mockBase), WithRetry(3, time.Millisecond, 5*time.Millisecond), WithAccessToken("ignored"))
	require.NoError(t, err)
	httpmock.ActivateNonDefault(p.c.e.rc.GetClient())
	t.Cleanup(httpmock.DeactivateAndReset)
	return p, p.c.e.rc.GetClient().Transport.(*httpmock.MockTransport)
}

func TestNewPartnerClientValidation(t *testing.T) {
	_, err := NewPartnerClient(" ")
	requireValidation(t, err, "partnerToken")
	_, err = NewPartnerClient("tok", WithBaseURL("http://example.com"))
	requireValidation(t, err, "baseURL")
}

func TestPartnerMeFixture(t *testing.T) {
	p, mt := newPartnerMock(t)
	rec := record(t, mt, http.MethodGet, mockBase+"/api/partner/me", []string{"partner_me.json"})
	me, err := p.Account.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "Bearer "+testPartnerToken, rec.only(t).Header.Get("Authorization"))
	assert.Equal(t, Partner{FullName: "Đối tác OMI", Email: "support@omicrm.com",
		Description: "Nâng cao trải nghiệm khách hàng, lấy sự hài lòng của khách hàng làm tiêu chí phấn đấu của doanh nghiệp",
		Enabled:     true, Status: "activated", PaidType: "prepaid", Nation: "vn", Currency: "VND", Language: "vi", Balance: 3007855}, *me)
}

func TestPartnerErrorCodes(t *testing.T) {
	for code, want := range map[string]error{
		"partner_invalid":                           ErrPartnerInvalid,
		"tenant_invalid":                            ErrTenantInvalid,
		"body_request_is_required":                  ErrRequestBodyRequired,
		"request_invalid":                           ErrRequestInvalid,
		"email_invalid":                             ErrEmailInvalid,
		"password_invalid":                          ErrPasswordInvalid,
		"email_registered":                          ErrEmailRegistered,
		"create_tenant_error":                       ErrCreateTenantFailed,
		"access_denied":                             ErrAccessDenied,
		"amount_gte_10.000_vnd":                     ErrAmountTooSmall,
		"description_is_required":                   ErrDescriptionRequired,
		"description_is_to_short.gte_50_characters": ErrDescriptionTooShort,
	} {
		err := error(&APIError{HTTPStatus: 200, StatusCode: -9999, Code: code})
		assert.ErrorIs(t, err, want, code)
		assert.NotErrorIs(t, err, ErrNotFound, code)
	}
	p, mt := newPartnerMock(t)
	record(t, mt, http.MethodGet, mockBase+"/api/partner/me", []string{`{"status_code":-9999,"message":"unauthorized"}`}, 401)
	_, err := p.Account.Get(ctxT(t))
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.NotContains(t, err.Error(), testPartnerToken)
}

func TestPartnerSecretsNeverPrinted(t *testing.T) {
	const apiKey = "TENANT-API-KEY-0123456789"
	req := CreateTenantRequest{Email: "shop@example.com", Password: testPassword, FullName: "Shop"}
	ten := PartnerTenant{Tenant: Tenant{FullName: "Shop"}, ID: "t1", APIKey: apiKey}
	page := &Page[PartnerTenant]{Items: []PartnerTenant{ten}}
	for _, v := range []any{req, &req, ten, &ten, page} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			out := fmt.Sprintf(verb, v)
			for _, secret := range []string{testPassword, apiKey} {
				assert.NotContains(t, out, secret, verb)
				assert.NotContains(t, out, fmt.Sprintf("%x", secret), verb)
			}
		}
	}
	assert.Contains(t, fmt.Sprintf("%+v", req), "Password:[redacted]")
	assert.Contains(t, fmt.Sprintf("%+v", ten), "APIKey:[redacted]")
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", ten), "omicall.PartnerTenant{"))

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("partner", "req", req, "tenant", ten, "p", &ten)
	assert.NotContains(t, buf.String(), testPassword)
	assert.NotContains(t, buf.String(), apiKey)
	assert.Contains(t, buf.String(), "shop@example.com")

	// JSON still carries them: the request body, and the key the partner
	// hands to its tenant.
	assert.Contains(t, mustJSON(t, req), testPassword)
	assert.Contains(t, mustJSON(t, ten), apiKey)
}
