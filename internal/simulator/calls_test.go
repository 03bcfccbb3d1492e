package simulator

import "testing"

func TestDemoCallerCanPlaceACall(t *testing.T) {
	s := New()
	ext, hotline := s.DemoCaller()
	if ext == "" || hotline == "" {
		t.Fatalf("DemoCaller() = %q, %q", ext, hotline)
	}
	if _, err := s.PlaceCall(ext, hotline, "0901234567"); err != nil {
		t.Fatal(err)
	}
	s.WaitCalls()
}
