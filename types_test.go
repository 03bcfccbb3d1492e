package omicall

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeDecodesEveryVariant(t *testing.T) {
	cases := map[string]int64{ // JSON -> expected Unix milliseconds (0 = zero time)
		`1575253218`:                 1575253218000, // seconds
		`1575253235933`:              1575253235933, // milliseconds
		`"1575253218"`:               1575253218000,
		`"1575253235933"`:            1575253235933,
		`1575253218.75`:              1575253218000,
		`1.575253235933e12`:          1575253235933,
		`null`:                       0,
		`0`:                          0,
		`"0"`:                        0,
		`""`:                         0,
		`"soon"`:                     0,
		`true`:                       0,
		`{}`:                         0,
		`[]`:                         0,
		`"2023-10-18T02:23:15.704Z"`: 1697595795704,
	}
	for in, want := range cases {
		var v Time
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		if want == 0 {
			assert.True(t, v.IsZero(), in)
			continue
		}
		assert.Equal(t, want, v.UnixMilli(), in)
	}
}

func TestTimeMarshalsMilliseconds(t *testing.T) {
	b, err := json.Marshal(Time{time.UnixMilli(1697595795704)})
	require.NoError(t, err)
	assert.Equal(t, "1697595795704", string(b))
	b, err = json.Marshal(Time{})
	require.NoError(t, err)
	assert.Equal(t, "0", string(b))
	var back Time
	require.NoError(t, json.Unmarshal([]byte("1697595795704"), &back))
	assert.Equal(t, int64(1697595795704), back.UnixMilli())
}

func TestLenientScalars(t *testing.T) {
	var v struct {
		A, B, C, D Bool
		I, J, K    Int
		F, G       Float
	}
	in := `{"A":true,"B":"true","C":"false","D":null,"I":"42","J":7.9,"K":"x","F":"55.002","G":2389}`
	require.NoError(t, json.Unmarshal([]byte(in), &v))
	assert.Equal(t, Bool(true), v.A)
	assert.Equal(t, Bool(true), v.B)
	assert.Equal(t, Bool(false), v.C)
	assert.Equal(t, Bool(false), v.D)
	assert.Equal(t, Int(42), v.I)
	assert.Equal(t, Int(7), v.J)
	assert.Equal(t, Int(0), v.K)
	assert.Equal(t, Float(55.002), v.F)
	assert.Equal(t, Float(2389), v.G)
}

func TestTagListBothShapes(t *testing.T) {
	var a, b, c, d TagList
	require.NoError(t, json.Unmarshal([]byte(`["hailong","dongy"]`), &a))
	require.NoError(t, json.Unmarshal([]byte(`[{"name":"hailong"},{"name":"dongy"}]`), &b))
	require.NoError(t, json.Unmarshal([]byte(`null`), &c))
	require.NoError(t, json.Unmarshal([]byte(`[1, {"id":2}, "ok"]`), &d))
	assert.Equal(t, TagList{"hailong", "dongy"}, a)
	assert.Equal(t, a, b)
	assert.Empty(t, c)
	assert.Equal(t, TagList{"ok"}, d)
}

func TestPageBothStyles(t *testing.T) {
	var snake, camel Page[Transaction]
	decodeFixturePayload(t, "call_transaction_list.json", &snake)
	decodeFixturePayload(t, "call_transaction_search.json", &camel)
	assert.Equal(t, Page[Transaction]{Items: snake.Items, Number: 1, Size: 50, TotalItems: 943, TotalPages: 19, HasNext: true}, snake)
	assert.Equal(t, Page[Transaction]{Items: camel.Items, Number: 1, Size: 20, TotalItems: 1000, TotalPages: 100, HasNext: true}, camel)
	require.Len(t, snake.Items, 1)
	require.Len(t, camel.Items, 1)
	assert.Equal(t, "2159f8d9-5a6e-440f-8995-8d0f55c1xxx", snake.Items[0].TransactionID)
	assert.Equal(t, "7125081d-288a-4d35-8eb1-012345678912", camel.Items[0].TransactionID)

	var broken Page[Transaction]
	require.NoError(t, json.Unmarshal([]byte(`{"items":"x","page_number":"2","has_next":"true"}`), &broken))
	assert.Equal(t, 2, broken.Number)
	assert.True(t, broken.HasNext)
	assert.Empty(t, broken.Items)
}

func TestTransactionFixturesKeepUnits(t *testing.T) {
	var p Page[Transaction]
	decodeFixturePayload(t, "call_transaction_list.json", &p)
	tx := p.Items[0]
	assert.Equal(t, int64(1575253218), tx.TimeStartToAnswer.Unix(), "seconds")
	assert.Equal(t, int64(1575253235933), tx.CreatedDate.UnixMilli(), "milliseconds")
	assert.Equal(t, 5, tx.RecordSeconds, "the last duplicate key wins")
	assert.Equal(t, TagList{"hailong", "dongy", "vip"}, tx.Tags)
	require.Len(t, tx.Users, 1)
	assert.Equal(t, TagList{"hailong", "dongy", "vip"}, tx.Users[0].Tags)
	assert.Equal(t, Float(2389), tx.CallOutPrice)
	assert.Equal(t, DirectionOutbound, tx.Direction)
	assert.Equal(t, DispositionAnswered, tx.Disposition)
	assert.Equal(t, "6350", tx.InternalDestination.Extension)
}

// TestEveryFixtureIsValidJSON guards the copies in testdata: each decodes as
// JSON, and each response envelope has a status code.
func TestEveryFixtureIsValidJSON(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 50)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var v any
		require.NoError(t, json.Unmarshal(b, &v), f)
		name := filepath.Base(f)
		if strings.HasPrefix(name, "request_") || strings.HasPrefix(name, "webhook_") || name == "ai_tts.json" || name == "call_transaction_record_2026.json" {
			continue
		}
		var env struct {
			StatusCode *int `json:"status_code"`
		}
		require.NoError(t, json.Unmarshal(b, &env), name)
		assert.NotNil(t, env.StatusCode, name)
	}
}

func TestAuthAndErrorFixturesThroughTheRequestPath(t *testing.T) {
	r := &request{method: "GET", path: "/api/auth"}
	var tok struct {
		AccessToken string `json:"access_token"`
		AccessType  string `json:"access_type"`
		TokenType   string `json:"token_type"`
	}
	r.out = &tok
	require.NoError(t, decodeResponse(r, 200, fixture(t, "auth.json")))
	assert.True(t, strings.HasPrefix(tok.AccessToken, "eyJ0eXAiOiJKV1Qi"))
	assert.Equal(t, "normal", tok.AccessType)
	assert.Equal(t, "Bearer", tok.TokenType)

	for file, sentinel := range map[string]error{
		"error_agent_exists.json":            ErrAgentExists,
		"error_api_key_invalid.json":         ErrAPIKeyInvalid,
		"error_date_is_too_long.json":        ErrDateRangeTooLong,
		"error_limit_request_30_minute.json": ErrRateLimited,
	} {
		err := decodeResponse(&request{method: "GET", path: "/x"}, 200, fixture(t, file))
		assert.ErrorIs(t, err, sentinel, file)
	}
}

func TestFloatNeverHoldsWhatJSONCannotCarry(t *testing.T) {
	for _, in := range []string{`"NaN"`, `"Inf"`, `"-Infinity"`, `1e400`, `"-1e400"`, `"12abc"`} {
		var v struct{ F Float }
		require.NoError(t, json.Unmarshal([]byte(`{"F":`+in+`}`), &v), in)
		assert.Equal(t, Float(0), v.F, in)
		_, err := json.Marshal(v)
		assert.NoError(t, err, in)
	}
}

func TestTimeDecodesToUTC(t *testing.T) {
	for _, in := range []string{`1700000000`, `1700000000000`, `"1700000000"`, `"2023-11-15T05:13:20+07:00"`} {
		var tm Time
		require.NoError(t, json.Unmarshal([]byte(in), &tm))
		assert.Equal(t, time.UTC, tm.Location(), in)
	}
	var tm Time
	require.NoError(t, json.Unmarshal([]byte(`1700000000`), &tm))
	assert.Equal(t, "2023-11-15 05:13:20 +0700 ICT", tm.In(Vietnam).String())
	_, offset := tm.In(Vietnam).Zone()
	assert.Equal(t, 7*3600, offset)
}
