package org.mxsuite.embedded.jpa;

import java.io.InputStream;
import java.time.ZonedDateTime;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Username;
import org.apache.james.sieve.jpa.JPASieveRepository;
import org.apache.james.sieverepository.api.ScriptContent;
import org.apache.james.sieverepository.api.ScriptName;
import org.apache.james.sieverepository.api.exception.DuplicateException;
import org.apache.james.sieverepository.api.exception.IsActiveException;
import org.apache.james.sieverepository.api.exception.QuotaExceededException;
import org.apache.james.sieverepository.api.exception.ScriptNotFoundException;
import org.apache.james.sieverepository.api.exception.StorageException;

/**
 * James's JPA sieve repository, remembering which users have no active script: delivery asks for every message to a
 * local user, and most users have none. A user with an active script still reads it from the database each time.
 * Any change of a user's scripts forgets what was known of that user. See {@link ExactCache}.
 */
public class CachedSieveRepository extends JPASieveRepository {
    private final ExactCache<Username, Boolean> withoutActiveScript = new ExactCache<>();

    @Inject
    public CachedSieveRepository(EntityManagerFactory entityManagerFactory) {
        super(entityManagerFactory);
    }

    @Override
    public ZonedDateTime getActivationDateForActiveScript(Username username) throws StorageException, ScriptNotFoundException {
        return readActive(username, () -> super.getActivationDateForActiveScript(username));
    }

    @Override
    public InputStream getActive(Username username) throws ScriptNotFoundException, StorageException {
        return readActive(username, () -> super.getActive(username));
    }

    @FunctionalInterface
    private interface ActiveScriptRead<T> {
        T read() throws ScriptNotFoundException, StorageException;
    }

    private <T> T readActive(Username username, ActiveScriptRead<T> read) throws ScriptNotFoundException, StorageException {
        if (withoutActiveScript.known(username) != null) {
            throw new ScriptNotFoundException("Unable to find active script for user " + username.asString());
        }
        long changesBefore = withoutActiveScript.changes();
        try {
            return read.read();
        } catch (ScriptNotFoundException none) {
            withoutActiveScript.remember(username, true, changesBefore);
            throw none;
        }
    }

    @Override
    public void putScript(Username username, ScriptName name, ScriptContent content) throws StorageException, QuotaExceededException {
        try {
            super.putScript(username, name, content);
        } finally {
            withoutActiveScript.forget(username);
        }
    }

    @Override
    public void setActive(Username username, ScriptName name) throws ScriptNotFoundException, StorageException {
        try {
            super.setActive(username, name);
        } finally {
            withoutActiveScript.forget(username);
        }
    }

    @Override
    public void deleteScript(Username username, ScriptName name) throws ScriptNotFoundException, IsActiveException, StorageException {
        try {
            super.deleteScript(username, name);
        } finally {
            withoutActiveScript.forget(username);
        }
    }

    @Override
    public void renameScript(Username username, ScriptName oldName, ScriptName newName)
        throws ScriptNotFoundException, DuplicateException, StorageException {
        try {
            super.renameScript(username, oldName, newName);
        } finally {
            withoutActiveScript.forget(username);
        }
    }
}
