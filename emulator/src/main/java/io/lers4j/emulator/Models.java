package io.lers4j.emulator;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shallow copies of generated model objects.
 *
 * <p>The catalog's model objects are shared by concurrent requests and never changed after they
 * are published; a request that needs a variant (without attributes, with a device) copies first.
 */
final class Models {

    private static final Map<Class<?>, Field[]> FIELDS = new ConcurrentHashMap<>();

    private Models() {
    }

    static <T> T copy(T model) {
        if (model == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) model.getClass();
        try {
            T copy = type.getDeclaredConstructor().newInstance();
            for (Field f : fields(type)) {
                f.set(copy, f.get(model));
            }
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + type.getName(), e);
        }
    }

    private static Field[] fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> out = new ArrayList<>();
            for (Field f : t.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
            return out.toArray(new Field[0]);
        });
    }
}
