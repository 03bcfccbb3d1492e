package redisstore_test

import "os"

func osPid() int { return os.Getpid() }
