/** The HTTP API for jobs: handlers, request parsing and validation, response shapes, problem+json errors. */
package dev.ferry.job.web;
