module github.com/omicall-go/omicall/examples/softphone

go 1.26.0

require (
	github.com/chromedp/cdproto v0.160.5
	github.com/chromedp/chromedp v0.24.0
	github.com/omicall-go/omicall v0.0.0
)

require (
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/go-resty/resty/v2 v2.17.2 // indirect
	golang.org/x/net v0.63.0 // indirect
)

replace github.com/omicall-go/omicall => ../..
