package com.shopbff.customer.account;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Topics;
import com.shopbff.customer.generated.types.AddressInput;
import com.shopbff.customer.generated.types.SignUpInput;
import com.shopbff.customer.generated.types.UpdateProfileInput;
import com.shopbff.customer.generated.types.UserError;
import com.shopbff.support.auth.Role;
import com.shopbff.support.messaging.OutboxEntry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Accounts: sign-up, password sign-in, profile, address book, erasure, and accounts of external providers. */
@Service
public class AccountService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()-]{3,22}[0-9]$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 100;
    private static final int MAX_ADDRESS_FIELD = 200;
    private static final int MAX_RETRIES = 10;
    /** An account without a password proves itself by a provider sign-in at most this old. */
    public static final java.time.Duration RECENT_SIGN_IN = java.time.Duration.ofMinutes(10);

    private final CustomerRepository customers;
    private final EmailIndex emails;
    private final PasswordHasher passwords;
    private final SignInThrottle throttle;
    private final CustomerOutbox outbox;
    private final AccountUpdates updates;
    private final ProviderLinks providerLinks;
    private final AccountProperties properties;
    private final MeterRegistry meters;

    public AccountService(CustomerRepository customers, EmailIndex emails, PasswordHasher passwords, SignInThrottle throttle,
                          CustomerOutbox outbox, AccountUpdates updates, ProviderLinks providerLinks, AccountProperties properties,
                          MeterRegistry meters) {
        this.providerLinks = providerLinks;
        this.meters = meters;
        this.customers = customers;
        this.emails = emails;
        this.passwords = passwords;
        this.throttle = throttle;
        this.outbox = outbox;
        this.updates = updates;
        this.properties = properties;
    }

    public Optional<CustomerDocument> find(String id) {
        return customers.find(id);
    }

    public Optional<CustomerDocument> findByEmail(String email) {
        return emails.lookup(EmailIndex.normalize(email)).flatMap(customers::find);
    }

    /** Whether this is an acceptable email address (shape and length). */
    public static boolean isValidEmail(String email) {
        return email != null && email.trim().length() <= MAX_EMAIL && EMAIL.matcher(email.trim()).matches();
    }

    /**
     * A new password account, unverified: the verification email is asked for in the same write (its token is stored
     * hashed in the account; the link travels in the AccountEmailRequested message to the notifications subgraph).
     */
    public Outcome<CustomerDocument> signUp(SignUpInput input) {
        List<UserError> errors = new ArrayList<>();
        String email = input.getEmail() == null ? "" : input.getEmail().trim();
        if (!isValidEmail(email))
            errors.add(UserErrors.of("INVALID_EMAIL", "Enter a valid email address.", "input", "email"));
        String password = input.getPassword() == null ? "" : input.getPassword();
        if (password.length() < PasswordHasher.MIN_LENGTH)
            errors.add(UserErrors.of("PASSWORD_TOO_SHORT", "The password needs at least " + PasswordHasher.MIN_LENGTH + " characters.", "input", "password"));
        else if (PasswordHasher.tooLong(password))
            errors.add(UserErrors.of("PASSWORD_TOO_LONG", "The password may have at most " + PasswordHasher.MAX_BYTES + " bytes.", "input", "password"));
        nameError(input.getName(), "input", "name").ifPresent(errors::add);
        if (!errors.isEmpty()) return Outcome.failed(errors);
        Optional<CustomerDocument> created = create(email, input.getName().trim(), passwords.hash(password), Role.CUSTOMER, null, false);
        return created.map(Outcome::ok).orElseGet(() ->
                Outcome.failed(UserErrors.of("EMAIL_TAKEN", "An account with this email already exists.", "input", "email")));
    }

    /**
     * Password sign-in. Every refusal for wrong credentials reads the same, whether the email has an account, has
     * no password (provider sign-in only) or the password is wrong.
     */
    public Outcome<CustomerDocument> signIn(String email, String password, String clientAddress) {
        String emailLower = EmailIndex.normalize(email == null ? "" : email);
        if (throttle.clientBlocked(clientAddress)) {
            count("client_blocked");
            return Outcome.failed(UserErrors.of("TOO_MANY_ATTEMPTS", "Too many failed sign-ins from this address; try again later.", "input"));
        }
        if (throttle.emailLocked(emailLower)) {
            count("email_locked");
            return Outcome.failed(UserErrors.of("TOO_MANY_ATTEMPTS", "Too many failed sign-ins for this email; try again later.", "input"));
        }
        Optional<CustomerDocument> customer = emailLower.isEmpty() || emailLower.length() > MAX_EMAIL ? Optional.empty() : emails.lookup(emailLower).flatMap(customers::find);
        if (!passwords.matches(password, customer.map(CustomerDocument::passwordHash).orElse(null))) {
            throttle.recordFailure(emailLower, clientAddress);
            count("invalid_credentials");
            return Outcome.failed(UserErrors.of("INVALID_CREDENTIALS", "The email or the password is incorrect.", "input"));
        }
        throttle.recordSuccess(emailLower);
        count("success");
        return Outcome.ok(customer.orElseThrow());
    }

    private void count(String outcome) {
        meters.counter("shop.customer.sign_ins", "outcome", outcome).increment();
    }

    /** Creates the administrator from configuration unless an account with that email exists. */
    public boolean ensureAdmin(AdminProperties admin) {
        if (findByEmail(admin.email()).isPresent()) return false;
        return create(admin.email().trim(), admin.name(), passwords.hash(admin.password()), Role.ADMIN, null, true).isPresent();
    }

    /**
     * Sign-in through an external provider with a verified email: the account with that email (linked on first use),
     * or a new one without a password. Administrator accounts are never reachable this way.
     */
    public Outcome<CustomerDocument> signInWithVerifiedEmail(String email, String name, String provider, String subject) {
        // an identity linked to an account signs in to it, whatever the account's email is now
        Optional<CustomerDocument> linkedAccount = providerLinks.owner(provider, subject).flatMap(customers::find);
        if (linkedAccount.isPresent()) {
            if (linkedAccount.get().role() == Role.ADMIN) return notLinkable();
            return Outcome.ok(linkedAccount.get());
        }
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            Optional<CustomerDocument> existing = findByEmail(email);
            if (existing.isPresent()) {
                CustomerDocument c = existing.get();
                if (c.role() == Role.ADMIN) return notLinkable();
                Outcome<CustomerDocument> linked = linkProvider(c.id(), provider, subject);
                if (linked.isOk() || linked.errors().stream().noneMatch(e -> e.getCode().equals("ACCOUNT_NOT_FOUND"))) return linked;
                continue;
            }
            String displayName = name == null || name.isBlank() ? email.substring(0, email.indexOf('@')) : name.trim();
            if (displayName.length() > MAX_NAME) displayName = displayName.substring(0, MAX_NAME);
            Optional<CustomerDocument> created = create(email.trim(), displayName, null, Role.CUSTOMER,
                    new CustomerDocument.ProviderLink(provider, subject, now()), true);
            if (created.isPresent()) {
                claimLink(provider, subject, created.get().id());
                return Outcome.ok(created.get());
            }
            // Someone created the account in between: link to it on the next round.
        }
        throw new IllegalStateException("could not sign in " + provider + " subject after retries");
    }

    /**
     * Links an external identity to the account (signed-in linking, or the first provider sign-in with the account's
     * email). PROVIDER_ALREADY_LINKED when the identity belongs to another live account.
     */
    public Outcome<CustomerDocument> linkProvider(String customerId, String provider, String subject) {
        Optional<CustomerDocument> account = customers.find(customerId);
        if (account.isEmpty()) return Outcome.failed(UserErrors.of("ACCOUNT_NOT_FOUND", "This account does not exist any more."));
        if (account.get().role() == Role.ADMIN) return notLinkable();
        if (!claimLink(provider, subject, customerId)) {
            return Outcome.failed(UserErrors.of("PROVIDER_ALREADY_LINKED",
                    "This " + provider + " account already signs in to another shop account.", "input", "provider"));
        }
        if (account.get().providers().stream().anyMatch(l -> l.provider().equals(provider) && l.subject().equals(subject))) {
            return Outcome.ok(account.get());
        }
        return modify(customerId, c -> Outcome.ok(new Update().push("providers", new CustomerDocument.ProviderLink(provider, subject, now()))));
    }

    /** Removes a provider from the account; an account without a password keeps at least one way to sign in. */
    public Outcome<CustomerDocument> unlinkProvider(String customerId, String provider) {
        Outcome<CustomerDocument> done = modify(customerId, c -> {
            List<CustomerDocument.ProviderLink> mine = c.providers().stream().filter(l -> l.provider().equals(provider)).toList();
            if (mine.isEmpty()) return Outcome.failed(UserErrors.of("NOT_LINKED", "This account is not linked to " + provider + ".", "provider"));
            if (!c.hasPassword() && mine.size() == c.providers().size()) {
                return Outcome.failed(UserErrors.of("LAST_SIGN_IN_METHOD",
                        "This is the only way to sign in to this account: set a password first (password reset).", "provider"));
            }
            return Outcome.ok(new Update().set("providers", c.providers().stream().filter(l -> !l.provider().equals(provider)).toList()));
        });
        if (done.isOk()) {
            providerLinks.ownedBy(customerId, provider).forEach(subject -> providerLinks.release(provider, subject, customerId));
        }
        return done;
    }

    private boolean claimLink(String provider, String subject, String customerId) {
        if (providerLinks.claim(provider, subject, customerId)) return true;
        Optional<String> owner = providerLinks.owner(provider, subject);
        // a link left by an account that no longer exists (erased) is taken over
        return owner.isPresent() && customers.find(owner.get()).isEmpty() && providerLinks.takeOver(provider, subject, owner.get(), customerId);
    }

    private static Outcome<CustomerDocument> notLinkable() {
        return Outcome.failed(UserErrors.of("ACCOUNT_NOT_LINKABLE", "This account can only sign in with its password.", "input", "provider"));
    }

    public Outcome<CustomerDocument> updateProfile(String customerId, UpdateProfileInput input) {
        List<UserError> errors = new ArrayList<>();
        if (input.getName() != null) nameError(input.getName(), "input", "name").ifPresent(errors::add);
        String phone = input.getPhone() == null ? null : input.getPhone().trim();
        if (phone != null && !phone.isEmpty() && !PHONE.matcher(phone).matches())
            errors.add(UserErrors.of("INVALID_PHONE", "Enter a phone number of digits, spaces, ( ) and -, optionally starting with +.", "input", "phone"));
        if (!errors.isEmpty()) return Outcome.failed(errors);
        return modify(customerId, c -> {
            Update u = new Update();
            if (input.getName() != null) u.set("name", input.getName().trim());
            if (phone != null) {
                if (phone.isEmpty()) u.unset("phone");
                else u.set("phone", phone);
            }
            return Outcome.ok(u);
        });
    }

    public Outcome<CustomerDocument> addAddress(String customerId, AddressInput input) {
        List<UserError> errors = new ArrayList<>();
        required(input.getLine1(), "line1", errors);
        optional(input.getLine2(), "line2", errors);
        required(input.getCity(), "city", errors);
        required(input.getPostalCode(), "postalCode", errors);
        String country = input.getCountry() == null ? "" : input.getCountry().trim().toUpperCase(java.util.Locale.ROOT);
        if (!COUNTRY.matcher(country).matches())
            errors.add(UserErrors.of("INVALID_COUNTRY", "Use a two-letter ISO 3166 country code, e.g. GB.", "input", "country"));
        if (!errors.isEmpty()) return Outcome.failed(errors);
        AddressDocument address = new AddressDocument("addr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                input.getLine1().trim(), blankToNull(input.getLine2()), input.getCity().trim(), input.getPostalCode().trim(), country);
        return modify(customerId, c -> {
            if (c.addresses().size() >= properties.maxAddresses())
                return Outcome.failed(UserErrors.of("TOO_MANY_ADDRESSES", "An address book holds at most " + properties.maxAddresses() + " addresses.", "input"));
            List<AddressDocument> book = new ArrayList<>(c.addresses());
            book.add(address);
            return Outcome.ok(addressBook(c.id(), book));
        });
    }

    public Outcome<CustomerDocument> removeAddress(String customerId, String addressId) {
        return modify(customerId, c -> {
            List<AddressDocument> book = new ArrayList<>(c.addresses());
            if (!book.removeIf(a -> a.id().equals(addressId)))
                return Outcome.failed(UserErrors.of("ADDRESS_NOT_FOUND", "There is no such address in your address book.", "id"));
            return Outcome.ok(addressBook(c.id(), book));
        });
    }

    private Outcome<CustomerDocument> modify(String customerId, Function<CustomerDocument, Outcome<Update>> change) {
        return updates.modify(customerId, change);
    }

    private static Update addressBook(String customerId, List<AddressDocument> book) {
        return new Update().set("addresses", book).push("outbox", OutboxEntry.of(Topics.CUSTOMER_EVENTS,
                new CustomerEvent.AddressBookChanged(customerId, book.stream().map(AddressDocument::toEvent).toList())));
    }

    /**
     * Claims the email, then inserts the account with its CustomerRegistered message in the same document (and, for an
     * unverified account, its verification token and the AccountEmailRequested that mails the link).
     * @return empty when the email belongs to a live account
     */
    private Optional<CustomerDocument> create(String email, String name, String passwordHash, Role role, CustomerDocument.ProviderLink link,
                                              boolean emailVerified) {
        String emailLower = EmailIndex.normalize(email);
        String id = UUID.randomUUID().toString();
        if (!emails.claim(emailLower, id)) {
            Optional<EmailIndex.Claim> owner = emails.claim(emailLower);
            // A claim whose account is gone was left by a crash between the two writes: take it over.
            if (owner.isEmpty() || customers.find(owner.get().customerId()).isPresent() || !emails.takeOver(emailLower, owner.get(), id)) {
                return Optional.empty();
            }
        }
        Instant now = now();
        List<OutboxEntry> messages = new ArrayList<>();
        messages.add(OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.CustomerRegistered(id, email, name, emailVerified)));
        AccountTokens.PendingToken verification = null;
        if (!emailVerified) {
            AccountTokens.Issued token = AccountTokens.issue(id, emailLower, now.plus(properties.verificationTtl()));
            verification = token.pending();
            messages.add(OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.AccountEmailRequested(id,
                    CustomerEvent.AccountEmailKind.VERIFY_EMAIL, email, name, properties.verifyEmailLink(token.token()), verification.expiresAt())));
        }
        CustomerDocument doc = new CustomerDocument(id, email, emailLower, name, null, role, passwordHash, List.of(),
                link == null ? List.of() : List.of(link), now, 0, false, messages, emailVerified, null, null,
                emailVerified ? null : now, null, verification, null, List.of());
        customers.insert(doc);
        outbox.relaySoon(id);
        return Optional.of(doc);
    }

    private static Optional<UserError> nameError(String name, String... field) {
        if (name == null || name.isBlank()) return Optional.of(UserErrors.of("NAME_REQUIRED", "Enter a name.", field));
        if (name.trim().length() > MAX_NAME) return Optional.of(UserErrors.of("NAME_TOO_LONG", "A name has at most " + MAX_NAME + " characters.", field));
        return Optional.empty();
    }

    private static void required(String value, String field, List<UserError> errors) {
        if (value == null || value.isBlank()) errors.add(UserErrors.of("FIELD_REQUIRED", "This field is required.", "input", field));
        else optional(value, field, errors);
    }

    private static void optional(String value, String field, List<UserError> errors) {
        if (value != null && value.trim().length() > MAX_ADDRESS_FIELD)
            errors.add(UserErrors.of("FIELD_TOO_LONG", "At most " + MAX_ADDRESS_FIELD + " characters.", "input", field));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant now() {
        // MongoDB stores milliseconds; truncating keeps what we return equal to what we read back later.
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
