package omicall

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeRecords feeds arbitrary bytes to the record decoders of 2026:
// none panics, and every list stays within its bound.
func FuzzDecodeRecords(f *testing.F) {
	f.Add(fixture(f, "call_transaction_record_2026.json"))
	f.Add([]byte(`{"items":[{"transaction_id":"a","user":[{},1,"x"],"tag":["\u00e9",{"name":"n"},3]}],"has_next":"true"}`))
	f.Add([]byte(`[{"a":"]"},"\"",[[]],`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var tx Transaction
		_ = json.Unmarshal(b, &tx)
		if len(tx.Users) > MaxCallUsers || len(tx.TransferHistories) > MaxCallUsers || len(tx.Tags) > MaxTags {
			t.Fatalf("a list over its bound: %d users, %d transfers, %d tags", len(tx.Users), len(tx.TransferHistories), len(tx.Tags))
		}
		var w pageJSON[transactionWire]
		w.bound(MaxSearchSize)
		if json.Unmarshal(b, &w) == nil && w.check(pageAsk{1, MaxSearchSize}) == nil {
			if p := transactionPage(&w); len(p.Items) > MaxSearchSize {
				t.Fatalf("%d items, more than the %d asked for", len(p.Items), MaxSearchSize)
			}
		}
		eachElement(b, 10, func(e []byte) {
			if len(e) == 0 {
				t.Fatal("empty element")
			}
		})
		_ = countValues(b, 100)
	})
}
