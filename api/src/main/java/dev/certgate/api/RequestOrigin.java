package dev.certgate.api;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current request comes from, for the audit log: set by the web module for page and REST requests, read by
 * the services. Null when unknown (remote EJB calls, timers).
 */
@RequestScoped
public class RequestOrigin {

    private String address;

    /** The client's IP address, or null. */
    public String address() {
        return address;
    }

    public void address(String clientAddress) {
        this.address = clientAddress;
    }
}
