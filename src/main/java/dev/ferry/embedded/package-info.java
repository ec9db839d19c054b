/** The zero-setup default: an embedded PostgreSQL and an in-process S3-compatible store when none is configured. */
package dev.ferry.embedded;
